import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { storyGraph } from '../../stories/graph/storyGraph.js';

const seg = (extra: object) => ({ media: 'm/index.m3u8', duration: 4, ...extra });
const choice = (options: object[], extra: object = {}) => ({
  prompt: 'Which?',
  at: 1,
  default: (options[0] as { id: string }).id,
  options,
  ...extra,
});

// intro ─choice─► loop1 ⇄ loop2 (a trap), or ─► yard ─route─► home (end) / lost (end); attic: nothing leads to it.
const trapped = {
  offshoot: 1,
  id: 'g',
  title: 'G',
  start: 'intro',
  state: { brave: false },
  segments: {
    intro: seg({
      choice: choice([
        { id: 'in', label: 'Go in', next: 'loop1' },
        { id: 'out', label: 'Go out', next: 'yard', if: 'brave' },
      ]),
    }),
    loop1: seg({ next: 'loop2' }),
    loop2: seg({ next: 'loop1' }),
    yard: seg({ next: [{ if: 'brave', to: 'home' }, { to: 'lost' }] }),
    home: seg({ end: true }),
    lost: seg({ end: true }),
    attic: seg({ next: 'home' }),
  },
};

describe('storyGraph', () => {
  it('has a node per segment and an edge per option, route and next, with labels and conditions', () => {
    const graph = storyGraph(trapped, validateStory(trapped));
    expect(graph.nodes.map((n) => n.id)).toEqual(Object.keys(trapped.segments));
    expect(graph.nodes.filter((n) => n.start).map((n) => n.id)).toEqual(['intro']);
    expect(graph.nodes.filter((n) => n.end).map((n) => n.id)).toEqual(['home', 'lost']);
    expect(graph.edges).toEqual([
      { from: 'intro', to: 'loop1', kind: 'option', label: 'Go in', optionId: 'in', isDefault: true },
      { from: 'intro', to: 'yard', kind: 'option', label: 'Go out', optionId: 'out', condition: 'brave' },
      { from: 'loop1', to: 'loop2', kind: 'next', label: '' },
      { from: 'loop2', to: 'loop1', kind: 'next', label: '' },
      { from: 'yard', to: 'home', kind: 'route', label: 'if brave', condition: 'brave' },
      { from: 'yard', to: 'lost', kind: 'route', label: 'otherwise' },
      { from: 'attic', to: 'home', kind: 'next', label: '' },
    ]);
  });

  it('marks traps and unreachable segments from the validator, with the issue on the node', () => {
    const graph = storyGraph(trapped, validateStory(trapped));
    expect(graph.nodes.filter((n) => n.trap).map((n) => n.id)).toEqual(['loop1', 'loop2']);
    expect(graph.nodes.filter((n) => n.unreachable).map((n) => n.id)).toEqual(['attic']);
    expect(graph.nodes.find((n) => n.id === 'loop1')!.issues.map((i) => i.code)).toEqual(['trap']);
    expect(graph.nodes.find((n) => n.id === 'home')!.issues).toEqual([]);
    expect(graph.storyIssues).toEqual([]);
  });

  it('puts each error on the segment it belongs to, adds a node for a missing target, and keeps story-level issues apart', () => {
    const broken = structuredClone(trapped) as {
      segments: Record<string, { next?: string; choice?: { options: Array<{ if?: string }> } }>;
    };
    broken.segments.yard = { media: 'm/index.m3u8', duration: 4, next: 'hom' } as { next: string };
    broken.segments.intro!.choice!.options[1]!.if = 'brave &&';
    const text = JSON.stringify(broken, null, 2);
    const report = validateStory(text);
    const graph = storyGraph(JSON.parse(text), report);
    const codes = (id: string) => graph.nodes.find((n) => n.id === id)!.issues.map((i) => i.code);
    expect(codes('yard')).toEqual(['unknown-segment']);
    expect(codes('intro')).toEqual(['bad-expression']);
    expect(graph.nodes.find((n) => n.id === 'hom')).toMatchObject({ kind: 'missing', issues: [] });
    expect(
      report.errors.every((e) => graph.nodes.some((n) => n.issues.includes(e)) || graph.storyIssues.includes(e)),
    ).toBe(true);

    const noStart = { ...trapped, start: 'nowhere' };
    const startGraph = storyGraph(noStart, validateStory(noStart));
    expect(startGraph.storyIssues.map((i) => i.code)).toEqual(['unknown-segment']);
  });

  it('still draws what it can of a file that is not a story', () => {
    const report = validateStory('{ "segments": ');
    expect(storyGraph(undefined, report)).toEqual({ nodes: [], edges: [], storyIssues: report.errors });
  });
});

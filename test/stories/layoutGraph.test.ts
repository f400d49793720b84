import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { layoutGraph } from '../../stories/graph/layoutGraph.js';
import type { NodeBox } from '../../stories/graph/layoutGraph.js';
import { storyGraph } from '../../stories/graph/storyGraph.js';

/** A branching story of `n` segments: choices that rejoin, routes, and 10 endings. */
function bigStory(n: number) {
  const segments: Record<string, object> = {};
  const id = (i: number) => `scene-${String(i).padStart(3, '0')}`;
  for (let i = 0; i < n; i++) {
    if (i >= n - 10) segments[id(i)] = { media: 'm/index.m3u8', duration: 4, end: true };
    else if (i % 3 === 0) {
      const options = [1, 2, 7].map((k, j) => ({
        id: `o${j}`,
        label: `Option ${j} towards ${id(Math.min(n - 1, i + k))}`,
        next: id(Math.min(n - 1, i + k)),
      }));
      segments[id(i)] = {
        media: 'm/index.m3u8',
        duration: 4,
        choice: { prompt: 'Which?', at: 1, default: 'o0', options },
      };
    } else if (i % 3 === 1)
      segments[id(i)] = {
        media: 'm/index.m3u8',
        duration: 4,
        next: [{ if: 'brave', to: id(i + 1) }, { to: id(Math.min(n - 1, i + 4)) }],
      };
    else segments[id(i)] = { media: 'm/index.m3u8', duration: 4, next: id(i + 1) };
  }
  return { offshoot: 1, id: 'big', title: 'Big', start: id(0), state: { brave: false }, segments };
}

const overlap = (a: NodeBox, b: NodeBox) =>
  Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

describe('layoutGraph', () => {
  it('lays out a 300-segment story with no overlapping nodes, every edge routed, all inside the drawing', () => {
    const story = bigStory(300);
    const report = validateStory(story);
    expect(report.errors).toEqual([]);
    const graph = storyGraph(story, report);
    const started = performance.now();
    const layout = layoutGraph(graph);
    console.log(
      `dagre layout, ${graph.nodes.length} nodes / ${graph.edges.length} edges: ${(performance.now() - started).toFixed(0)} ms`,
    );
    const boxes = [...layout.nodes.values()];
    expect(boxes).toHaveLength(300);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i]!, boxes[j]!)) throw new Error(`nodes ${boxes[i]!.id} and ${boxes[j]!.id} overlap`);
      }
    }
    for (const b of boxes) {
      expect(b.x - b.width / 2).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height / 2).toBeLessThanOrEqual(layout.height);
    }
    expect(layout.edges).toHaveLength(graph.edges.length);
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    // Top to bottom: the start is on the first rank, an ending far below it.
    expect(layout.nodes.get('scene-000')!.y).toBeLessThan(layout.nodes.get('scene-290')!.y);
  });

  it('labels option and route edges, not plain next', () => {
    const story = bigStory(20);
    const graph = storyGraph(story, validateStory(story));
    const layout = layoutGraph(graph);
    layout.edges.forEach((e) => expect(e.labelAt !== undefined).toBe(graph.edges[e.index]!.kind !== 'next'));
  });
});

/**
 * Which Storybook stories a story file gets, computed from its raw JSON. Both the indexer
 * (.storybook/offshootIndexer.ts, in Node) and the Vite plugin that writes the CSF module
 * (.storybook/offshootPlugin.ts) call this, so index entries and module exports always match.
 * It never throws: a file that is not a story still gets its graph entry (which shows why).
 */

/** The four placeholder files in stories/, one per group of stories. */
export type EntryKind = 'segments' | 'choices' | 'player' | 'graph';

export const ENTRY_KINDS: readonly EntryKind[] = ['segments', 'choices', 'player', 'graph'];

export interface StoryEntry {
  /** A JS identifier, unique in its file. */
  exportName: string;
  /** What the sidebar shows. */
  name: string;
  /** The segment this entry opens (segment and choice-point stories). */
  segmentId?: string;
}

const GROUP_TITLES: Record<EntryKind, string> = {
  segments: 'Segments',
  choices: 'Choice points',
  player: 'Player',
  graph: 'Graph',
};

/**
 * The sidebar title for a group: `<story title>/<group>`. Slashes in the story's title would
 * nest the sidebar, so they are replaced.
 *
 * @example
 * groupTitle({ title: 'A Night Walk' }, 'choices'); // 'A Night Walk/Choice points'
 */
export function groupTitle(raw: unknown, kind: EntryKind): string {
  const title = isRecord(raw) && typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : 'Story';
  return `${title.replace(/\//g, '∕')}/${GROUP_TITLES[kind]}`;
}

/**
 * The entries of one group, in the file's segment order.
 *
 * @example
 * storyEntries('choices', JSON.parse(text)); // [{ exportName: 'C0_intro', name: 'intro', segmentId: 'intro' }, …]
 */
export function storyEntries(kind: EntryKind, raw: unknown): StoryEntry[] {
  if (kind === 'graph') return [{ exportName: 'Graph', name: 'Graph' }];
  if (kind === 'player') return isRecord(raw) ? [{ exportName: 'Player', name: 'Whole story' }] : [];
  const segments = isRecord(raw) && isRecord(raw.segments) ? Object.entries(raw.segments) : [];
  const prefix = kind === 'segments' ? 'S' : 'C';
  return segments.flatMap(([id, segment], i) => {
    if (kind === 'choices' && !(isRecord(segment) && isRecord(segment.choice))) return [];
    return [
      { exportName: `${prefix}${i}_${id.replace(/[^A-Za-z0-9_$]/g, '_').slice(0, 40)}`, name: id, segmentId: id },
    ];
  });
}

/**
 * The group a placeholder file stands for, from its name (`stories/choices.offshoot.js`).
 *
 * @example
 * entryKindOf('/repo/stories/graph.offshoot.js'); // 'graph'
 */
export function entryKindOf(fileName: string): EntryKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const kind = base.replace(/\.offshoot\.js$/, '');
  return (ENTRY_KINDS as readonly string[]).includes(kind) ? (kind as EntryKind) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

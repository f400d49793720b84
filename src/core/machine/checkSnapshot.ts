import { replayHistory } from '../rules/replayHistory.js';
import type { Story, StateValue } from '../story/Story.js';
import type { Variables, Visits } from '../story/Variables.js';
import type { HistoryEntry } from './StoryContext.js';
import { SnapshotError } from './StorySnapshot.js';
import type { StorySnapshot } from './StorySnapshot.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that `value` is a snapshot of `story` and returns a clean copy. Throws a
 * SnapshotError naming what does not fit: the version, another story's id, an unknown
 * segment, a variable of the wrong type, or a history that does not replay.
 *
 * @example
 * const snapshot = checkSnapshot(story, JSON.parse(saved));
 */
export function checkSnapshot(story: Story, value: unknown): StorySnapshot {
  if (!isObject(value)) throw new SnapshotError('snapshot must be an object');
  if (value.version !== 1)
    throw new SnapshotError(`snapshot version ${JSON.stringify(value.version)} is not supported (expected 1)`);
  if (value.storyId !== story.id) {
    throw new SnapshotError(`snapshot is for story ${JSON.stringify(value.storyId)}, not "${story.id}"`);
  }
  const segmentId = checkSegmentId(story, value.segmentId, 'segmentId');
  if (typeof value.atChoice !== 'boolean') throw new SnapshotError('snapshot atChoice must be true or false');
  if (value.atChoice && !story.segments[segmentId]?.choice) {
    throw new SnapshotError(`snapshot is at a choice, but segment "${segmentId}" has none`);
  }
  if (!Array.isArray(value.history)) throw new SnapshotError('snapshot history must be an array');
  const history = value.history.map((entry, i) => checkEntry(story, entry, `history[${i}]`));
  try {
    replayHistory(story, history);
  } catch (error) {
    throw new SnapshotError(`snapshot history does not fit story "${story.id}": ${(error as Error).message}`);
  }
  return {
    version: 1,
    storyId: story.id,
    segmentId,
    vars: checkVars(story, value.vars, 'vars'),
    visits: checkVisits(story, value.visits, 'visits'),
    history,
    atChoice: value.atChoice,
  };
}

function checkSegmentId(story: Story, id: unknown, where: string): string {
  if (typeof id !== 'string' || !Object.hasOwn(story.segments, id)) {
    throw new SnapshotError(`snapshot ${where} ${JSON.stringify(id)} is not a segment of story "${story.id}"`);
  }
  return id;
}

function checkEntry(story: Story, entry: unknown, where: string): HistoryEntry {
  if (!isObject(entry)) throw new SnapshotError(`snapshot ${where} must be an object`);
  const segmentId = checkSegmentId(story, entry.segmentId, `${where}.segmentId`);
  if (typeof entry.optionId !== 'string') throw new SnapshotError(`snapshot ${where}.optionId must be a string`);
  return {
    segmentId,
    optionId: entry.optionId,
    byDefault: entry.byDefault === true,
    vars: checkVars(story, entry.vars, `${where}.vars`),
    visits: checkVisits(story, entry.visits, `${where}.visits`),
  };
}

function checkVars(story: Story, vars: unknown, where: string): Variables {
  if (!isObject(vars)) throw new SnapshotError(`snapshot ${where} must be an object`);
  const out: Variables = {};
  for (const [name, initial] of Object.entries(story.state)) {
    const value = vars[name];
    if (typeof value !== typeof initial) {
      throw new SnapshotError(`snapshot ${where}.${name} must be a ${typeof initial}, got ${JSON.stringify(value)}`);
    }
    out[name] = value as StateValue;
  }
  const unknown = Object.keys(vars).find((name) => !Object.hasOwn(story.state, name));
  if (unknown !== undefined)
    throw new SnapshotError(`snapshot ${where}.${unknown} is not a variable of story "${story.id}"`);
  return out;
}

function checkVisits(story: Story, visits: unknown, where: string): Visits {
  if (!isObject(visits)) throw new SnapshotError(`snapshot ${where} must be an object`);
  const out: Visits = {};
  for (const [id, count] of Object.entries(visits)) {
    if (!Object.hasOwn(story.segments, id))
      throw new SnapshotError(`snapshot ${where}.${id} is not a segment of story "${story.id}"`);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new SnapshotError(`snapshot ${where}.${id} must be a whole number ≥ 0, got ${JSON.stringify(count)}`);
    }
    out[id] = count;
  }
  return out;
}

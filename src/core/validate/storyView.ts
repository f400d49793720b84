// Read-only accessors the semantic checks use on a value that may not match the schema:
// each returns an empty/undefined view of anything malformed, so the checks can run
// (and report more than one kind of problem at once) without ever throwing.
import type { StateValue } from '../story/Story.js';

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own entries of an object, or none. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/** Items of an array, or none. */
export function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
  const field = value[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
}

export function fieldAt(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Declared state with well-typed initial values only. */
export function declaredState(story: unknown): Record<string, StateValue> {
  const state: Record<string, StateValue> = Object.create(null) as Record<string, StateValue>;
  for (const [name, value] of entriesOf(fieldAt(story, 'state'))) {
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    )
      state[name] = value;
  }
  return state;
}

/** The segments as [id, segment] pairs, segments that are not objects left out. */
export function segmentsOf(story: unknown): [string, Json][] {
  return entriesOf(fieldAt(story, 'segments')).filter((entry): entry is [string, Json] => isRecord(entry[1]));
}

/** Matches story.schema.json's segment id rule; the reference checks leave other strings to the schema check. */
export const SEGMENT_ID = /^(?!__proto__$)[A-Za-z0-9_-]{1,128}$/;

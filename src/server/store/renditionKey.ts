import { createHash } from 'node:crypto';
import type { GenerateSpec, StateValue } from '../../core/index.js';

/** Everything that shapes a rendition's bytes. Two inputs that hash alike must render alike. */
export interface RenditionInput {
  generatorId: string;
  generatorVersion: string;
  /** The resolved spec: `{var}` placeholders filled, seed fixed. */
  spec: GenerateSpec;
  seed: number;
  /** Only the state values the segment uses (continuity), so unrelated choices share a rendition. */
  state: Record<string, StateValue>;
  durationSeconds: number;
  segmentSeconds: number;
}

/** What a rendition key looks like: 64 lowercase hex digits (sha256). */
export const RENDITION_KEY = /^[0-9a-f]{64}$/;

/**
 * The content address of a rendition: sha256 over a canonical JSON of its inputs (object
 * keys sorted at every level, so property order never changes the key).
 *
 * @example
 * renditionKey({ generatorId: 'procedural', generatorVersion: '1', spec: { prompt: 'a fox' },
 *   seed: 7, state: {}, durationSeconds: 4, segmentSeconds: 1 }); // '3f1c…' (64 hex digits)
 */
export function renditionKey(input: RenditionInput): string {
  return createHash('sha256')
    .update(canonicalJson({ v: 1, ...input }))
    .digest('hex');
}

/** JSON with object keys sorted recursively; arrays keep their order (it is meaningful). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

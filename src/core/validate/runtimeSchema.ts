import type { Schema } from '@cfworker/json-schema';
import { storySchema } from '../schema/storySchema.js';

type Node = Record<string, unknown>;

/**
 * The schema the validator runs: story.schema.json with two changes that keep its meaning
 * and cut the validator's time on big stories by about a third (measured with
 * bench/validate.bench.ts):
 * - local `$ref`s are inlined (the schema has no recursion), saving a validator call per reference;
 * - the segment's `allOf`/`oneOf` "exactly one of" rules are left to checkSegmentShape,
 *   which says the same thing in plain words.
 */
export function runtimeSchema(): Schema {
  return (cached ??= build());
}

let cached: Schema | undefined;

function build(): Schema {
  const defs = (storySchema.$defs ?? {}) as Record<string, Node>;
  const root = inline(storySchema, defs, 0) as Node;
  delete root.$defs;
  return root as Schema;
}

function inline(node: unknown, defs: Record<string, Node>, depth: number): unknown {
  if (depth > 32) throw new Error('story schema: $ref nesting too deep (is it recursive?)');
  if (Array.isArray(node)) return node.map((item) => inline(item, defs, depth + 1));
  if (typeof node !== 'object' || node === null) return node;
  let out: Node = {};
  for (const [key, value] of Object.entries(node as Node)) {
    if (key === '$defs') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
      const target = inline(defs[value.slice('#/$defs/'.length)], defs, depth + 1) as Node;
      out = { ...target, ...out };
      continue;
    }
    out[key] =
      key === 'properties' || key === 'patternProperties'
        ? inlineEach(value as Node, defs, depth)
        : inline(value, defs, depth + 1);
  }
  if (depth === 0 || out.allOf === undefined) return out;
  // The segment definition: drop its exactly-one-of rules (see above).
  delete out.allOf;
  return out;
}

function inlineEach(map: Node, defs: Record<string, Node>, depth: number): Node {
  return Object.fromEntries(Object.entries(map).map(([name, schema]) => [name, inline(schema, defs, depth + 1)]));
}

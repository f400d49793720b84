import { storySchema } from '../schema/storySchema.js';

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follow a local `$ref` (`#/$defs/x`) chain to the schema it names. */
export function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; hops < 8 && typeof current.$ref === 'string'; hops++) {
    const target = walk(storySchema, current.$ref.replace(/^#/, '').split('/').slice(1));
    if (!target) break;
    current = target;
  }
  return current;
}

/**
 * The schema node at a validator `keywordLocation` such as
 * `#/properties/segments/additionalProperties/$ref/properties/next`, where each `$ref`
 * step continues inside the referenced schema.
 */
export function schemaAt(keywordLocation: string): SchemaNode | undefined {
  const tokens = keywordLocation.replace(/^#/, '').split('/').slice(1).map(decode);
  return walk(storySchema, tokens);
}

function walk(root: SchemaNode, tokens: string[]): SchemaNode | undefined {
  let node: SchemaNode = root;
  for (const token of tokens) {
    if (token === '$ref') {
      node = resolveRef(node);
      continue;
    }
    const next = node[token];
    if (Array.isArray(next)) {
      node = { ...next } as SchemaNode;
      continue;
    }
    if (!isNode(next)) return undefined;
    node = next;
  }
  return node;
}

/** Field names a schema object allows (its `properties`). */
export function fieldsOf(node: SchemaNode | undefined): string[] {
  const properties = node && isNode(node.properties) ? node.properties : {};
  return Object.keys(properties);
}

function decode(token: string): string {
  try {
    return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return token;
  }
}

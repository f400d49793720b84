import { runtimeSchema } from './runtimeSchema.js';

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Lookups go through the schema the validator ran (refs inlined), so its locations match.
const root = (): SchemaNode => runtimeSchema() as SchemaNode;

/** The schema node at a validator `keywordLocation` such as `#/properties/segments/additionalProperties/properties/next`. */
export function schemaAt(keywordLocation: string): SchemaNode | undefined {
  const tokens = keywordLocation.replace(/^#/, '').split('/').slice(1).map(decode);
  return walk(root(), tokens);
}

function walk(root: SchemaNode, tokens: string[]): SchemaNode | undefined {
  let node: SchemaNode = root;
  for (const token of tokens) {
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

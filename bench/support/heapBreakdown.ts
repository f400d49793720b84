/**
 * Where a V8 heap's bytes are, from a heap snapshot (the `.heapsnapshot` JSON that DevTools
 * and CDP `HeapProfiler.takeHeapSnapshot` write). The soak bench uses it to tell growth of
 * the page's own data (objects, arrays, strings) from growth of compiled code, which V8's
 * optimising compiler keeps adding for a long time as more functions get hot.
 *
 * @example
 * const b = heapBreakdown(JSON.parse(text)); b.codeBytes; b.byName.get('object:Object');
 */
export interface HeapBreakdown {
  /** Self sizes of nodes of type `code` (compiled functions, bytecode, their metadata). */
  codeBytes: number;
  /** Everything else V8 allocates for the page: objects, arrays, closures, numbers, strings. */
  dataBytes: number;
  /** Self size per `type:name` (name cut to 40 characters; string contents are not kept). */
  byName: Map<string, number>;
}

interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Blink's own objects and the snapshot's synthetic roots: not V8 heap, not counted. */
const NOT_V8 = new Set(['native', 'synthetic', 'hidden']);
const STRINGS = new Set(['string', 'concatenated string', 'sliced string']);

export function heapBreakdown(snapshot: HeapSnapshotJson): HeapBreakdown {
  const fields = snapshot.snapshot.meta.node_fields;
  const [types] = snapshot.snapshot.meta.node_types;
  const width = fields.length;
  const at = { type: fields.indexOf('type'), name: fields.indexOf('name'), size: fields.indexOf('self_size') };
  if (at.type < 0 || at.name < 0 || at.size < 0)
    throw new Error('not a V8 heap snapshot: node_fields lacks type, name or self_size');
  const byName = new Map<string, number>();
  let codeBytes = 0;
  let dataBytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + at.type]!] ?? 'unknown';
    if (NOT_V8.has(type)) continue;
    const size = snapshot.nodes[i + at.size]!;
    if (type === 'code') codeBytes += size;
    else dataBytes += size;
    const name = STRINGS.has(type) ? '(string)' : String(snapshot.strings[snapshot.nodes[i + at.name]!]).slice(0, 40);
    const key = `${type}:${name}`;
    byName.set(key, (byName.get(key) ?? 0) + size);
  }
  return { codeBytes, dataBytes, byName };
}

/** The `count` names whose bytes grew most from `before` to `after`, largest first. */
export function topGrowth(
  before: HeapBreakdown,
  after: HeapBreakdown,
  count: number,
): Array<{ name: string; bytes: number }> {
  return [...after.byName]
    .map(([name, bytes]) => ({ name, bytes: bytes - (before.byName.get(name) ?? 0) }))
    .filter((g) => g.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

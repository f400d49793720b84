const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decode one source-map VLQ segment ("AAgBC") into its numbers. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64.get(c);
    if (digit === undefined)
      throw new Error(`source map: bad VLQ character ${JSON.stringify(c)} in ${JSON.stringify(segment)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Which package (or `offshoot src/<layer>`) a source-map source path belongs to. */
export function ownerOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const src = /(?:^|\/)src\/([^/]+)\//.exec(source);
  return src ? `offshoot src/${src[1]}` : source;
}

/**
 * Attribute the bytes of generated code to owners (package names, or `offshoot src/<layer>`)
 * through its source map: each mapped span runs from its column to the next mapping on the
 * line. Unmapped bytes (glue rollup wrote) go to `(unmapped)`.
 *
 * @example
 * attributeBytes(code, JSON.parse(mapText)); // Map { 'pixi.js' => 812345, 'offshoot src/player' => 61234, ... }
 */
export function attributeBytes(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const owners = map.sources.map(ownerOf);
  const totals = new Map<string, number>();
  const add = (owner: string, n: number) => n > 0 && totals.set(owner, (totals.get(owner) ?? 0) + n);
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((line, i) => {
    const text = lines[i] ?? '';
    let column = 0;
    let spanStart = 0;
    let spanOwner = '(unmapped)';
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const [dCol, dSource] = decodeVlq(segment);
      column += dCol!;
      add(spanOwner, Buffer.byteLength(text.slice(spanStart, column)));
      if (dSource !== undefined) source += dSource;
      spanStart = column;
      spanOwner = dSource === undefined ? '(unmapped)' : (owners[source] ?? '(unmapped)');
      // Source-relative fields (line, column, name) are not needed for byte counts.
    }
    add(spanOwner, Buffer.byteLength(text.slice(spanStart)) + (i < lines.length - 1 ? 1 : 0));
  });
  return totals;
}

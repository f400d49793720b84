/** A box's payload range inside the bytes it was found in. */
export interface Mp4Box {
  /** First byte after the 8-byte header. */
  start: number;
  /** One past the box's last byte. */
  end: number;
}

/**
 * Children of type `type` between `from` and `to` (payload ranges), top level only.
 * Stops at the first box whose size does not fit (structure is checked elsewhere).
 *
 * @example
 * for (const moof of mp4Boxes(bytes, 0, bytes.length, 'moof')) console.log(moof.start);
 */
export function mp4Boxes(data: Uint8Array, from: number, to: number, type: string): Mp4Box[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found: Mp4Box[] = [];
  for (let at = from; at + 8 <= to;) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > to) break;
    const name = String.fromCharCode(data[at + 4]!, data[at + 5]!, data[at + 6]!, data[at + 7]!);
    if (name === type) found.push({ start: at + 8, end: at + size });
    at += size;
  }
  return found;
}

/**
 * The first box found along a path of nested types (`['mdia', 'hdlr']`), or undefined.
 *
 * @example
 * mp4Path(bytes, trak, ['mdia', 'hdlr']);
 */
export function mp4Path(data: Uint8Array, parent: Mp4Box, path: readonly string[]): Mp4Box | undefined {
  let box: Mp4Box | undefined = parent;
  for (const type of path) {
    box = box ? mp4Boxes(data, box.start, box.end, type)[0] : undefined;
  }
  return box;
}

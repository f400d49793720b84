/**
 * The first sample's composition time offset in an fMP4 media fragment (in track ticks),
 * the largest over its tracks. Non-zero means B-frames packaged with a leading delay
 * (x264 defaults without `negative_cts_offsets`): the picture starts after the audio and
 * a splice leaves a hole. 0 when the fragment follows the splicing contract.
 *
 * @example
 * findCompositionDelay(new Uint8Array(await (await fetch(fragmentUrl)).arrayBuffer())); // 0
 */
export function findCompositionDelay(data: Uint8Array): number {
  let delay = 0;
  for (const moof of boxes(data, 0, data.length, 'moof')) {
    for (const traf of boxes(data, moof.start, moof.end, 'traf')) {
      for (const trun of boxes(data, traf.start, traf.end, 'trun'))
        delay = Math.max(delay, firstSampleOffset(data, trun.start));
    }
  }
  return delay;
}

interface Box {
  start: number;
  end: number;
}

/** Children of type `type` between `from` and `to` (payload ranges). */
function boxes(data: Uint8Array, from: number, to: number, type: string): Box[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found: Box[] = [];
  for (let at = from; at + 8 <= to;) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > to) break;
    const name = String.fromCharCode(data[at + 4]!, data[at + 5]!, data[at + 6]!, data[at + 7]!);
    if (name === type) found.push({ start: at + 8, end: at + size });
    at += size;
  }
  return found;
}

function firstSampleOffset(data: Uint8Array, at: number): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint8(at);
  const flags = view.getUint32(at) & 0xffffff;
  if (!(flags & 0x800) || view.getUint32(at + 4) === 0) return 0;
  let p = at + 8;
  if (flags & 0x1) p += 4; // data_offset
  if (flags & 0x4) p += 4; // first_sample_flags
  if (flags & 0x100) p += 4; // sample_duration
  if (flags & 0x200) p += 4; // sample_size
  if (flags & 0x400) p += 4; // sample_flags
  return version === 0 ? view.getUint32(p) : view.getInt32(p);
}

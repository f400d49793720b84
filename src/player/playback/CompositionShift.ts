import { mp4Boxes, mp4Path } from './mp4Boxes.js';
import type { Mp4Box } from './mp4Boxes.js';

/**
 * Repackages H.264/HEVC fMP4 with B-frames, as it is downloaded, into the form that splices:
 * the first picture presented at the fragment's decode time (composition offsets shifted down
 * by the track's delay, signed `trun` version 1) and no edit list skipping that delay.
 *
 * Why: x264's defaults packaged by ffmpeg (or most catalog encoders) give every video sample
 * a positive composition offset (2 frames of reorder delay) and an edit list whose media_time
 * hides it. Spliced behind a discontinuity, the picture then starts after the audio and after
 * the previous segment's end: a hole that hls.js skips over (frames lost, no `ended`).
 * Rewriting in place is exactly what ffmpeg's `movflags=+negative_cts_offsets` writes, which
 * splices frame-exact; the bytes keep their size, so nothing else moves (ADR 0010).
 *
 * One instance per rendition: the shift is read from the init section's edit list, or, when
 * there is none, from the first fragment's first sample.
 *
 * @example
 * const shift = new CompositionShift();
 * shift.init(initBytes);          // reads and clears the video edit list's delay
 * shift.fragment(fragmentBytes);  // trun offsets shifted, version 1
 */
export class CompositionShift {
  /** Ticks to subtract per track ID; only video tracks (audio edit lists are priming, not reorder). */
  private readonly shifts = new Map<number, number>();
  private readonly videoTracks = new Set<number>();
  private decided = false;

  /** Total shift applied so far (ticks, largest over tracks): 0 when the media needed none. */
  get delay(): number {
    return Math.max(0, ...this.shifts.values());
  }

  /** Read the video tracks' edit-list delay from an init section and clear it (in place). */
  init(bytes: ArrayBuffer): void {
    const data = new Uint8Array(bytes);
    const view = new DataView(bytes);
    for (const moov of mp4Boxes(data, 0, data.length, 'moov')) {
      for (const trak of mp4Boxes(data, moov.start, moov.end, 'trak')) {
        const id = trackId(view, mp4Path(data, trak, ['tkhd']));
        const hdlr = mp4Path(data, trak, ['mdia', 'hdlr']);
        if (id === undefined || !hdlr || handler(data, hdlr) !== 'vide') continue;
        this.videoTracks.add(id);
        const elst = mp4Path(data, trak, ['edts', 'elst']);
        const delay = elst ? clearEditDelay(view, elst) : 0;
        if (delay > 0) this.shifts.set(id, delay);
      }
    }
    this.decided ||= this.shifts.size > 0;
  }

  /** Shift a media fragment's composition offsets (in place). */
  fragment(bytes: ArrayBuffer): void {
    const data = new Uint8Array(bytes);
    const view = new DataView(bytes);
    for (const moof of mp4Boxes(data, 0, data.length, 'moof')) {
      for (const traf of mp4Boxes(data, moof.start, moof.end, 'traf')) {
        const tfhd = mp4Path(data, traf, ['tfhd']);
        const id = tfhd ? view.getUint32(tfhd.start + 4) : undefined;
        if (id === undefined || (this.videoTracks.size > 0 && !this.videoTracks.has(id))) continue;
        for (const trun of mp4Boxes(data, traf.start, traf.end, 'trun')) {
          // No edit list: the first sample of the first fragment tells the delay.
          if (!this.decided) {
            const first = sampleOffsets(view, trun)[0];
            if (first !== undefined && first.value > 0) this.shifts.set(id, first.value);
          }
          const shift = this.shifts.get(id) ?? 0;
          if (shift > 0) shiftOffsets(view, trun, shift);
        }
      }
    }
    this.decided = true;
  }
}

function trackId(view: DataView, tkhd: Mp4Box | undefined): number | undefined {
  if (!tkhd) return undefined;
  const version = view.getUint8(tkhd.start);
  return view.getUint32(tkhd.start + (version === 1 ? 20 : 12));
}

function handler(data: Uint8Array, hdlr: Mp4Box): string {
  const at = hdlr.start + 8;
  return String.fromCharCode(data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!);
}

/** The first non-empty edit's media_time (the delay), set to 0. */
function clearEditDelay(view: DataView, elst: Mp4Box): number {
  const version = view.getUint8(elst.start);
  const count = view.getUint32(elst.start + 4);
  const size = version === 1 ? 20 : 12;
  for (let i = 0, at = elst.start + 8; i < count && at + size <= elst.end; i++, at += size) {
    const timeAt = at + (version === 1 ? 8 : 4);
    const mediaTime = version === 1 ? Number(view.getBigInt64(timeAt)) : view.getInt32(timeAt);
    if (mediaTime === -1) continue; // an empty edit (a start delay): left as it is
    if (mediaTime <= 0) return 0;
    if (version === 1) view.setBigInt64(timeAt, 0n);
    else view.setInt32(timeAt, 0);
    return mediaTime;
  }
  return 0;
}

/** Where each sample's composition offset is in a `trun`, and its value. */
function sampleOffsets(view: DataView, trun: Mp4Box): Array<{ at: number; value: number }> {
  const version = view.getUint8(trun.start);
  const flags = view.getUint32(trun.start) & 0xffffff;
  if (!(flags & 0x800)) return [];
  const count = view.getUint32(trun.start + 4);
  let p = trun.start + 8;
  if (flags & 0x1) p += 4; // data_offset
  if (flags & 0x4) p += 4; // first_sample_flags
  const before = (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0);
  const found: Array<{ at: number; value: number }> = [];
  for (let i = 0; i < count && p + before + 4 <= trun.end; i++) {
    const at = p + before;
    found.push({ at, value: version === 0 ? view.getUint32(at) : view.getInt32(at) });
    p = at + 4;
  }
  return found;
}

function shiftOffsets(view: DataView, trun: Mp4Box, shift: number): void {
  const offsets = sampleOffsets(view, trun);
  if (offsets.length === 0) return;
  view.setUint8(trun.start, 1); // signed offsets
  for (const { at, value } of offsets) view.setInt32(at, value - shift);
}

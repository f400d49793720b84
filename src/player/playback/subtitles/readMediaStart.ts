import { mp4Boxes, mp4Path } from '../mp4Boxes.js';

/** Where a segment's media starts, in media seconds: what its WebVTT cues are placed against. */
export interface MediaStart {
  /** Media timestamp of the first presented frame (the segment's time 0). */
  start: number;
  /**
   * Media timestamp of cue time 0 for WebVTT without X-TIMESTAMP-MAP. fMP4: 0 (RFC 8216 §3.5).
   * MPEG-TS: the first video frame's decode timestamp, the zero of the muxer's own timeline
   * (ffmpeg writes its cues on that timeline and adds its 1.4 s mux delay to the PES stamps
   * only: read by the RFC's letter those cues show 1.4 s early; see ADR 0013).
   */
  cueZero: number;
}

/**
 * The media timestamps of a segment's first fragment that its subtitle cues are timed against.
 * MPEG-TS: the PTS (and DTS) of the first video PES (stream id 0xE0–0xEF). fMP4: the video
 * track's `tfdt` plus its first sample's composition offset, over the init section's `mdhd`
 * timescale (the engine presents that frame at the segment's start, see CompositionShift).
 * `head` may be only the first bytes of the fragment (a Range read), and must be clear bytes
 * (decrypted first for AES-128). Undefined when the bytes do not say.
 *
 * @example
 * readMediaStart(tsHead, undefined); // { start: 1.466667, cueZero: 1.4 } (ffmpeg's mux delay + 2 B-frames)
 */
export function readMediaStart(head: Uint8Array, init: Uint8Array | undefined): MediaStart | undefined {
  if (init) {
    const start = mp4Start(head, init);
    return start === undefined ? undefined : { start, cueZero: 0 };
  }
  return tsStart(head);
}

function tsStart(data: Uint8Array): MediaStart | undefined {
  for (let at = 0; at + 188 <= data.length; at += 188) {
    if (data[at] !== 0x47 || !(data[at + 1]! & 0x40)) continue; // sync byte, payload unit start
    let p = at + 4;
    const adaptation = (data[at + 3]! >> 4) & 0x3;
    if (adaptation === 2) continue;
    if (adaptation === 3) p += 1 + data[p]!;
    if (data[p] !== 0 || data[p + 1] !== 0 || data[p + 2] !== 1) continue; // not a PES
    const streamId = data[p + 3]!;
    if (streamId < 0xe0 || streamId > 0xef || !(data[p + 7]! & 0x80)) continue;
    const pts = pesStamp(data.subarray(p + 9, p + 14));
    // PTS_DTS_flags 11: a DTS follows the PTS (frames reordered: B-frames).
    const dts = (data[p + 7]! & 0xc0) === 0xc0 ? pesStamp(data.subarray(p + 14, p + 19)) : pts;
    return { start: pts / 90_000, cueZero: dts / 90_000 };
  }
  return undefined;
}

/** A 33-bit PES timestamp (PTS or DTS) from its 5 bytes, in 90 kHz ticks. */
function pesStamp(b: Uint8Array): number {
  return (b[0]! & 0x0e) * 2 ** 29 + b[1]! * 2 ** 22 + (b[2]! >> 1) * 2 ** 15 + b[3]! * 2 ** 7 + (b[4]! >> 1);
}

function mp4Start(head: Uint8Array, init: Uint8Array): number | undefined {
  const initView = new DataView(init.buffer, init.byteOffset, init.byteLength);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  for (const moov of mp4Boxes(init, 0, init.length, 'moov')) {
    for (const trak of mp4Boxes(init, moov.start, moov.end, 'trak')) {
      const hdlr = mp4Path(init, trak, ['mdia', 'hdlr']);
      const tkhd = mp4Path(init, trak, ['tkhd']);
      const mdhd = mp4Path(init, trak, ['mdia', 'mdhd']);
      if (!hdlr || !tkhd || !mdhd || String.fromCharCode(...init.subarray(hdlr.start + 8, hdlr.start + 12)) !== 'vide')
        continue;
      const v1 = init[tkhd.start] === 1;
      const id = initView.getUint32(tkhd.start + (v1 ? 20 : 12));
      const timescale = initView.getUint32(mdhd.start + (init[mdhd.start] === 1 ? 20 : 12));
      const start = fragmentStart(head, view, id);
      return start === undefined || !timescale ? undefined : start / timescale;
    }
  }
  return undefined;
}

/** tfdt + the first sample's composition offset of track `id` in the first moof, in ticks. */
function fragmentStart(data: Uint8Array, view: DataView, id: number): number | undefined {
  for (const moof of mp4Boxes(data, 0, data.length, 'moof')) {
    for (const traf of mp4Boxes(data, moof.start, moof.end, 'traf')) {
      const tfhd = mp4Path(data, traf, ['tfhd']);
      const tfdt = mp4Path(data, traf, ['tfdt']);
      if (!tfhd || !tfdt || view.getUint32(tfhd.start + 4) !== id) continue;
      const base =
        data[tfdt.start] === 1
          ? view.getUint32(tfdt.start + 4) * 2 ** 32 + view.getUint32(tfdt.start + 8)
          : view.getUint32(tfdt.start + 4);
      return base + firstCompositionOffset(data, view, mp4Path(data, traf, ['trun']));
    }
  }
  return undefined;
}

function firstCompositionOffset(data: Uint8Array, view: DataView, trun: { start: number } | undefined): number {
  if (!trun) return 0;
  const flags = view.getUint32(trun.start) & 0xffffff;
  if (!(flags & 0x800) || view.getUint32(trun.start + 4) === 0) return 0;
  let p = trun.start + 8;
  if (flags & 0x1) p += 4; // data offset
  if (flags & 0x4) p += 4; // first sample flags
  for (const field of [0x100, 0x200, 0x400]) if (flags & field) p += 4;
  return data[trun.start] === 1 ? view.getInt32(p) : view.getUint32(p);
}

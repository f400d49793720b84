import { PlaybackError } from '../PlaybackError.js';
import { mp4Boxes, mp4Path } from '../mp4Boxes.js';
import type { Mp4Box } from '../mp4Boxes.js';

/** The merged init section and the track ID the audio track was given in it. */
export interface MuxedInit {
  bytes: ArrayBuffer;
  audioTrackId: number;
}

/**
 * One init section with both tracks, from a video-only init section and an audio-only one
 * (an `EXT-X-MEDIA TYPE=AUDIO` rendition): the video `moov` with the audio `trak` added and
 * its `trex` added to `mvex`, the audio track renumbered past the video's IDs (both are
 * usually 1) and `mvhd.next_track_ID` raised. Durations the audio track states in its own
 * movie timescale (`tkhd`, edit list) are rescaled to the video's. The result is muxed fMP4,
 * like every other segment, so it splices on the one timeline (ADR 0012).
 *
 * @example
 * const { bytes, audioTrackId } = muxInitSections(videoInit, audioInit, videoUrl, audioUrl);
 */
export function muxInitSections(video: ArrayBuffer, audio: ArrayBuffer, videoUrl: string, audioUrl: string): MuxedInit {
  const v = new Uint8Array(video);
  const a = new Uint8Array(audio);
  const vMoov = mp4Boxes(v, 0, v.length, 'moov')[0];
  const aMoov = mp4Boxes(a, 0, a.length, 'moov')[0];
  if (!vMoov || !aMoov) throw incompatible(vMoov ? audioUrl : videoUrl, 'no moov box in the init section');
  const vTraks = mp4Boxes(v, vMoov.start, vMoov.end, 'trak');
  if (vTraks.some((t) => handler(v, t) === 'soun'))
    throw incompatible(
      videoUrl,
      'the variant carries its own audio track and names a separate audio rendition as well; list one or the other',
    );
  const aTrak = mp4Boxes(a, aMoov.start, aMoov.end, 'trak').find((t) => handler(a, t) === 'soun');
  const aTrex = mp4Path(a, aMoov, ['mvex', 'trex']);
  const vMvex = mp4Boxes(v, vMoov.start, vMoov.end, 'mvex')[0];
  if (!aTrak || !aTrex || !vMvex) throw incompatible(aTrak ? videoUrl : audioUrl, 'not a fragmented MP4 track');

  const vView = new DataView(video);
  const aView = new DataView(audio);
  const ids = vTraks.map((t) => trackIdAt(vView, mp4Path(v, t, ['tkhd'])!).value);
  const audioTrackId = Math.max(0, ...ids) + 1;

  // Copies of the audio trak and trex, renumbered (and durations rescaled) in place.
  const trak = copyBox(a, aTrak);
  const trex = copyBox(a, aTrex);
  const trakView = new DataView(trak.buffer);
  const trakData = new Uint8Array(trak.buffer);
  const inTrak = { start: 8, end: trak.length };
  const tkhd = mp4Path(trakData, inTrak, ['tkhd'])!;
  trakView.setUint32(trackIdAt(trakView, tkhd).at, audioTrackId);
  new DataView(trex.buffer).setUint32(12, audioTrackId);
  const scale =
    movieTimescale(vView, mp4Path(v, vMoov, ['mvhd'])!) / movieTimescale(aView, mp4Path(a, aMoov, ['mvhd'])!);
  if (scale !== 1) rescaleDurations(trakView, trakData, inTrak, tkhd, scale);

  // New moov: the video's children in order, the audio trak after the last video trak, the
  // audio trex at the end of mvex, next_track_ID past the audio track.
  const parts: Uint8Array[] = [];
  const lastTrak = vTraks.at(-1)!;
  for (const child of children(v, vMoov)) {
    const type = boxType(v, child);
    if (type === 'mvex') parts.push(box('mvex', v.subarray(child.start, child.end), trex));
    else if (type === 'mvhd') {
      const mvhd = copyBox(v, child);
      new DataView(mvhd.buffer).setUint32(mvhd.length - 4, audioTrackId + 1);
      parts.push(mvhd);
    } else parts.push(v.subarray(child.start - 8, child.end));
    if (child.start === lastTrak.start) parts.push(trak);
  }
  const moov = box('moov', ...parts);
  const before = v.subarray(0, vMoov.start - 8);
  const after = v.subarray(vMoov.end);
  return { bytes: concat([before, moov, after]).buffer as ArrayBuffer, audioTrackId };
}

/** Top-level boxes inside `parent`, any type (payload ranges). */
function children(data: Uint8Array, parent: Mp4Box): Mp4Box[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found: Mp4Box[] = [];
  for (let at = parent.start; at + 8 <= parent.end;) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > parent.end) break;
    found.push({ start: at + 8, end: at + size });
    at += size;
  }
  return found;
}

function boxType(data: Uint8Array, b: Mp4Box): string {
  return String.fromCharCode(...data.subarray(b.start - 4, b.start));
}

function handler(data: Uint8Array, trak: Mp4Box): string | undefined {
  const hdlr = mp4Path(data, trak, ['mdia', 'hdlr']);
  return hdlr ? String.fromCharCode(...data.subarray(hdlr.start + 8, hdlr.start + 12)) : undefined;
}

/** Where `tkhd`'s track_ID is (version 0 or 1) and its value. */
function trackIdAt(view: DataView, tkhd: Mp4Box): { at: number; value: number } {
  const at = tkhd.start + (view.getUint8(tkhd.start) === 1 ? 20 : 12);
  return { at, value: view.getUint32(at) };
}

function movieTimescale(view: DataView, mvhd: Mp4Box): number {
  return view.getUint32(mvhd.start + (view.getUint8(mvhd.start) === 1 ? 20 : 12));
}

/** tkhd duration and edit-list segment durations are in the movie timescale: rescale them. */
function rescaleDurations(view: DataView, data: Uint8Array, trak: Mp4Box, tkhd: Mp4Box, scale: number): void {
  const v1 = view.getUint8(tkhd.start) === 1;
  scaleField(view, tkhd.start + (v1 ? 28 : 20), v1, scale);
  const elst = mp4Path(data, trak, ['edts', 'elst']);
  if (!elst) return;
  const e1 = view.getUint8(elst.start) === 1;
  const count = view.getUint32(elst.start + 4);
  for (let i = 0, at = elst.start + 8; i < count && at + (e1 ? 20 : 12) <= elst.end; i++, at += e1 ? 20 : 12)
    scaleField(view, at, e1, scale);
}

function scaleField(view: DataView, at: number, wide: boolean, scale: number): void {
  if (wide) view.setBigUint64(at, BigInt(Math.round(Number(view.getBigUint64(at)) * scale)));
  else if (view.getUint32(at) !== 0xffffffff) view.setUint32(at, Math.round(view.getUint32(at) * scale));
}

/** A copy of a whole box (header included), so it can be edited without touching the source. */
function copyBox(data: Uint8Array, b: Mp4Box): Uint8Array {
  return data.slice(b.start - 8, b.end);
}

/** A box of `type` around `parts`. */
export function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const size = 8 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  let at = 8;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function incompatible(url: string, why: string): PlaybackError {
  return new PlaybackError('media-incompatible', `${url}: cannot mux the separate audio rendition (${why})`);
}

import { mp4Boxes, mp4Path } from './mp4Boxes.js';
import type { Mp4Box } from './mp4Boxes.js';

/** One track's codec, as an fMP4 init section declares it. */
export interface TrackCodec {
  /** The track's handler: 'vide', 'soun' (others are not read). */
  handler: 'vide' | 'soun';
  /** The sample entry's type ('hvc1', 'hev1', 'avc1', 'mp4a'…); for encrypted media, the original format. */
  entry: string;
  /** RFC 6381 codec string read from the configuration box ('hvc1.1.6.L63.90', 'mp4a.40.2'). */
  codec: string;
}

/** Bytes before the child boxes of a VisualSampleEntry / AudioSampleEntry (ISO/IEC 14496-12). */
const ENTRY_HEADER = { vide: 78, soun: 28 } as const;

/**
 * The codec of each video and audio track of an fMP4 init section, read from its sample entry
 * and configuration box (avcC, hvcC, vpcC, av1C, esds), the way a packager writes CODECS:
 * `avc1.64001e`, `hvc1.1.6.L63.90`, `vp09.00.10.08`, `av01.0.04M.08`, `mp4a.40.2`, `opus`.
 * Encrypted entries (encv/enca) report their original format (frma). Pure: the player checks
 * what the browser decodes with it, `offshoot validate --media` what a segment needs.
 *
 * @example
 * mp4Codecs(init); // [{ handler: 'vide', entry: 'hvc1', codec: 'hvc1.1.6.L63.90' }, { handler: 'soun', entry: 'mp4a', codec: 'mp4a.40.2' }]
 */
export function mp4Codecs(data: ArrayBuffer | Uint8Array): TrackCodec[] {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const found: TrackCodec[] = [];
  for (const moov of mp4Boxes(bytes, 0, bytes.length, 'moov'))
    for (const trak of mp4Boxes(bytes, moov.start, moov.end, 'trak')) {
      const hdlr = mp4Path(bytes, trak, ['mdia', 'hdlr']);
      const handler = hdlr && fourcc(bytes, hdlr.start + 8);
      const stsd = mp4Path(bytes, trak, ['mdia', 'minf', 'stbl', 'stsd']);
      if (!stsd || (handler !== 'vide' && handler !== 'soun')) continue;
      const entry = firstChild(bytes, { start: stsd.start + 8, end: stsd.end });
      if (!entry) continue;
      const children = { start: Math.min(entry.box.start + ENTRY_HEADER[handler], entry.box.end), end: entry.box.end };
      const frma = /^(encv|enca)$/.test(entry.type) ? mp4Path(bytes, children, ['sinf', 'frma']) : undefined;
      const type = frma && frma.end - frma.start >= 4 ? fourcc(bytes, frma.start) : entry.type;
      found.push({ handler, entry: type, codec: codecString(bytes, type, children) });
    }
  return found;
}

function codecString(bytes: Uint8Array, type: string, children: Mp4Box): string {
  const box = (name: string) => mp4Boxes(bytes, children.start, children.end, name)[0];
  const at = (b: Mp4Box, i: number) => (b.start + i < b.end ? bytes[b.start + i]! : 0);
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  const dec = (n: number) => String(n).padStart(2, '0');
  switch (type) {
    case 'avc1':
    case 'avc3': {
      const avcC = box('avcC');
      return avcC ? `${type}.${hex(at(avcC, 1))}${hex(at(avcC, 2))}${hex(at(avcC, 3))}` : type;
    }
    case 'hvc1':
    case 'hev1': {
      const hvcC = box('hvcC');
      return hvcC ? `${type}.${hevcParameters(bytes, hvcC.start)}` : type;
    }
    case 'vp09': {
      const vpcC = box('vpcC'); // a FullBox: version and flags first
      // Level 0 is "unknown" (some muxers write it); no browser takes it in a codec string.
      if (!vpcC || at(vpcC, 5) === 0) return type;
      return `vp09.${dec(at(vpcC, 4))}.${dec(at(vpcC, 5))}.${dec(at(vpcC, 6) >> 4)}`;
    }
    case 'av01': {
      const av1C = box('av1C');
      if (!av1C) return type;
      const [a, b] = [at(av1C, 1), at(av1C, 2)];
      const depth = b & 0x40 ? (a >> 5 === 2 && b & 0x20 ? 12 : 10) : 8;
      return `av01.${a >> 5}.${dec(a & 0x1f)}${b & 0x80 ? 'H' : 'M'}.${dec(depth)}`;
    }
    case 'mp4a': {
      const esds = box('esds');
      return esds ? aacCodec(bytes, { start: esds.start + 4, end: esds.end }) : type;
    }
    case 'Opus':
      return 'opus';
    case 'fLaC':
      return 'flac';
    default:
      return type;
  }
}

/**
 * hvcC's profile, compatibility, tier, level and constraint flags as ISO/IEC 14496-15 Annex E
 * writes them: `1.6.L63.90` (profile space letter, profile idc, the 32 compatibility flags in
 * reverse bit order as hex, L or H tier with level idc, constraint bytes without trailing zeros).
 */
function hevcParameters(bytes: Uint8Array, at: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + 13 > bytes.length) return '';
  const first = bytes[at + 1]!;
  const space = ['', 'A', 'B', 'C'][first >> 6]!;
  let compat = view.getUint32(at + 2);
  let reversed = 0;
  for (let i = 0; i < 32; i++, compat >>>= 1) reversed = (reversed << 1) | (compat & 1);
  const constraints = Array.from(bytes.subarray(at + 6, at + 12));
  while (constraints.length > 0 && constraints.at(-1) === 0) constraints.pop();
  const tier = first & 0x20 ? 'H' : 'L';
  return [
    `${space}${first & 0x1f}`,
    (reversed >>> 0).toString(16).toUpperCase(),
    `${tier}${bytes[at + 12]}`,
    ...constraints.map((c) => c.toString(16).toUpperCase().padStart(2, '0')),
  ].join('.');
}

/** `mp4a.OO.A` from an ES descriptor: objectTypeIndication (hex), then the AudioSpecificConfig's object type. */
function aacCodec(bytes: Uint8Array, es: Mp4Box): string {
  let oti: number | undefined;
  for (let p = es.start; p < es.end;) {
    const tag = bytes[p++]!;
    let size = 0;
    for (let i = 0; i < 4 && p < es.end; i++) {
      const b = bytes[p++]!;
      size = (size << 7) | (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    if (tag === 0x03) {
      p += 3; // ES_ID and flags (no dependsOn/URL/OCR in what packagers write), then its children
    } else if (tag === 0x04) {
      oti = bytes[p];
      p += 13; // objectTypeIndication, stream type, buffer size, bitrates, then DecoderSpecificInfo
    } else if (tag === 0x05) {
      const aot = bytes[p]! >> 3; // 31: an escape, the object type is 32 + the next 6 bits
      const type = aot === 31 ? 32 + (((bytes[p]! & 7) << 3) | (bytes[p + 1]! >> 5)) : aot;
      return oti === 0x40 ? `mp4a.40.${type}` : `mp4a.${oti?.toString(16)}`;
    } else {
      p += size;
    }
  }
  return oti === undefined ? 'mp4a' : `mp4a.${oti.toString(16)}`;
}

function firstChild(bytes: Uint8Array, within: Mp4Box): { type: string; box: Mp4Box } | undefined {
  if (within.start + 8 > within.end) return undefined;
  const type = fourcc(bytes, within.start + 4);
  const box = mp4Boxes(bytes, within.start, within.end, type)[0];
  return box && { type, box };
}

const fourcc = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);

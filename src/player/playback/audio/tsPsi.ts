/** MPEG-TS packet size, sync byte, and the PIDs this file knows by number. */
export const TS_PACKET = 188;
const SYNC = 0x47;
const PAT_PID = 0;
const NULL_PID = 0x1fff;

/** One elementary stream of a PMT: its stream_type, PID and ES descriptors (kept byte for byte). */
export interface TsStream {
  type: number;
  pid: number;
  descriptors: Uint8Array;
}

/** A fragment's program: the PMT's PID and its elementary streams. */
export interface TsProgram {
  pmtPid: number;
  streams: TsStream[];
}

/** stream_type values of audio hls.js transmuxes: AAC (ADTS), MPEG-1/2 audio, AC-3, E-AC-3. */
export const AUDIO_STREAM_TYPES = new Set([0x0f, 0x03, 0x04, 0x81, 0x87]);

/** The PID of the 188-byte packet at `at`. */
export function packetPid(bytes: Uint8Array, at: number): number {
  return ((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!;
}

/** Where a packet's payload starts (after any adaptation field), or -1 without payload. */
export function payloadStart(bytes: Uint8Array, at: number): number {
  const control = (bytes[at + 3]! >> 4) & 3;
  if (!(control & 1)) return -1;
  const start = at + 4 + (control & 2 ? 1 + bytes[at + 4]! : 0);
  return start < at + TS_PACKET ? start : -1;
}

/** Offset of the PSI section a packet starts (past its pointer_field), or -1. */
function sectionStart(bytes: Uint8Array, at: number): number {
  if (!(bytes[at + 1]! & 0x40)) return -1; // payload_unit_start_indicator
  const payload = payloadStart(bytes, at);
  return payload < 0 ? -1 : payload + 1 + bytes[payload]!;
}

/**
 * The program of an MPEG-TS fragment, from its first PAT and the PMT that PAT names (single
 * program, one-packet sections: what packagers write for HLS). Null when the fragment has none.
 *
 * @example
 * readTsProgram(bytes); // { pmtPid: 0x1000, streams: [{ type: 0x1b, pid: 0x100, descriptors }] }
 */
export function readTsProgram(bytes: Uint8Array): TsProgram | null {
  let pmtPid = -1;
  for (let at = 0; at + TS_PACKET <= bytes.length; at += TS_PACKET) {
    const pid = packetPid(bytes, at);
    const s = sectionStart(bytes, at);
    if (s < 0 || bytes[at] !== SYNC) continue;
    if (pmtPid < 0 && pid === PAT_PID && bytes[s] === 0x00) {
      const end = s + 3 + sectionLength(bytes, s) - 4; // before the CRC
      for (let e = s + 8; e + 4 <= end; e += 4) {
        const program = (bytes[e]! << 8) | bytes[e + 1]!;
        if (program !== 0) {
          pmtPid = ((bytes[e + 2]! & 0x1f) << 8) | bytes[e + 3]!;
          break;
        }
      }
    } else if (pmtPid >= 0 && pid === pmtPid && bytes[s] === 0x02) {
      return { pmtPid, streams: readPmtStreams(bytes, s) };
    }
  }
  return null;
}

function sectionLength(bytes: Uint8Array, s: number): number {
  return ((bytes[s + 1]! & 0x0f) << 8) | bytes[s + 2]!;
}

function readPmtStreams(bytes: Uint8Array, s: number): TsStream[] {
  const end = s + 3 + sectionLength(bytes, s) - 4;
  const programInfo = ((bytes[s + 10]! & 0x0f) << 8) | bytes[s + 11]!;
  const streams: TsStream[] = [];
  for (let e = s + 12 + programInfo; e + 5 <= end;) {
    const info = ((bytes[e + 3]! & 0x0f) << 8) | bytes[e + 4]!;
    streams.push({
      type: bytes[e]!,
      pid: ((bytes[e + 1]! & 0x1f) << 8) | bytes[e + 2]!,
      descriptors: bytes.slice(e + 5, e + 5 + info),
    });
    e += 5 + info;
  }
  return streams;
}

/**
 * Add `stream` to every PMT section of `bytes` (in place: the section grows into the packet's
 * stuffing, its length and CRC32 rewritten). Returns false when a PMT has no room left in its
 * packet (then nothing of that packet was changed).
 *
 * @example
 * addPmtStream(videoBytes, 0x1000, { type: 0x0f, pid: 0x101, descriptors: new Uint8Array() });
 */
export function addPmtStream(bytes: Uint8Array, pmtPid: number, stream: TsStream): boolean {
  const entry = new Uint8Array(5 + stream.descriptors.length);
  entry.set([
    stream.type,
    0xe0 | (stream.pid >> 8),
    stream.pid & 0xff,
    0xf0 | (stream.descriptors.length >> 8),
    stream.descriptors.length & 0xff,
  ]);
  entry.set(stream.descriptors, 5);
  for (let at = 0; at + TS_PACKET <= bytes.length; at += TS_PACKET) {
    if (packetPid(bytes, at) !== pmtPid) continue;
    const s = sectionStart(bytes, at);
    if (s < 0 || bytes[s] !== 0x02) continue;
    const length = sectionLength(bytes, s);
    const crcAt = s + 3 + length - 4;
    if (crcAt + 4 + entry.length > at + TS_PACKET) return false;
    bytes.copyWithin(crcAt + entry.length, crcAt, at + TS_PACKET - entry.length);
    bytes.set(entry, crcAt);
    const grown = length + entry.length;
    bytes[s + 1] = (bytes[s + 1]! & 0xf0) | (grown >> 8);
    bytes[s + 2] = grown & 0xff;
    const crc = crc32Mpeg(bytes.subarray(s, crcAt + entry.length));
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(crcAt + entry.length, crc);
  }
  return true;
}

/** A PID neither the program nor its PMT, PAT or null packets use, from `wanted` upwards. */
export function freePid(program: TsProgram, wanted: number): number {
  const used = new Set([PAT_PID, NULL_PID, program.pmtPid, ...program.streams.map((s) => s.pid)]);
  let pid = wanted >= 0x20 && wanted < NULL_PID ? wanted : 0x100;
  while (used.has(pid)) pid = pid + 1 < NULL_PID ? pid + 1 : 0x20;
  return pid;
}

let table: Uint32Array | null = null;

/** CRC-32/MPEG-2 (polynomial 0x04C11DB7, no reflection, initial 0xFFFFFFFF): the PSI sections' CRC. */
export function crc32Mpeg(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i << 24;
      for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
      table[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = ((crc << 8) ^ table[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  return crc >>> 0;
}

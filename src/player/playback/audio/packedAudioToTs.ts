import { PlaybackError } from '../PlaybackError.js';
import { TS_PACKET } from './tsPsi.js';

/** The ID3 PRIV owner whose 8 bytes give a packed-audio file's first PTS (HLS, RFC 8216 §3.4). */
const TIMESTAMP_OWNER = 'com.apple.streaming.transportStreamTimestamp';
const SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
/** AAC frames per PES packet: like a TS packager, and well under the 16-bit PES length. */
const FRAMES_PER_PES = 8;

/** A packed-audio file read: the first frame's PTS (90 kHz) and its ADTS frames in order. */
export interface PackedAudio {
  pts: number;
  sampleRate: number;
  frames: Uint8Array[];
}

/**
 * Read packed AAC (HLS "packed audio"): ID3 tags, one of which carries the
 * `com.apple.streaming.transportStreamTimestamp` PRIV frame (the first frame's 33-bit PTS),
 * then ADTS frames. Throws `media-incompatible` naming `url` when it is not that.
 *
 * @example
 * readPackedAudio(bytes, 'https://cdn/en/seg_000.aac'); // { pts: 130080, sampleRate: 48000, frames: [...] }
 */
export function readPackedAudio(bytes: Uint8Array, url: string): PackedAudio {
  let at = 0;
  let pts: number | null = null;
  while (at + 10 <= bytes.length && bytes[at] === 0x49 && bytes[at + 1] === 0x44 && bytes[at + 2] === 0x33) {
    const size = syncsafe(bytes, at + 6);
    const end = at + 10 + size + (bytes[at + 5]! & 0x10 ? 10 : 0); // footer flag
    pts ??= id3Timestamp(bytes.subarray(at, Math.min(end, bytes.length)));
    at = end;
  }
  if (pts === null)
    throw incompatible(url, `no ID3 PRIV frame "${TIMESTAMP_OWNER}" (the packed audio's timestamp) at its start`);
  const frames: Uint8Array[] = [];
  let sampleRate = 0;
  while (at + 7 <= bytes.length) {
    if (bytes[at] !== 0xff || (bytes[at + 1]! & 0xf6) !== 0xf0) {
      if (bytes[at] === 0x49 && bytes[at + 1] === 0x44 && bytes[at + 2] === 0x33) {
        at += 10 + syncsafe(bytes, at + 6); // timed metadata between frames: not audio
        continue;
      }
      throw incompatible(url, `no ADTS (AAC) frame at byte ${at}: only packed AAC is played`);
    }
    const length = ((bytes[at + 3]! & 0x03) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5);
    if (length < 7 || at + length > bytes.length) throw incompatible(url, `an ADTS frame cut short at byte ${at}`);
    sampleRate ||= SAMPLE_RATES[(bytes[at + 2]! >> 2) & 0x0f] ?? 0;
    frames.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (frames.length === 0 || !sampleRate) throw incompatible(url, 'no AAC frames');
  return { pts, sampleRate, frames };
}

/**
 * Packed audio as the MPEG-TS packets a TS packager would have written for it on `pid`: PES
 * packets (stream 0xC0) of up to 8 ADTS frames, each with its PTS (the file's timestamp plus
 * 1024 samples per frame before it), cut into 188-byte packets, the last one of each PES
 * padded with adaptation-field stuffing. Continuity counters start at 0.
 *
 * @example
 * const packets = packedAudioToTs(readPackedAudio(bytes, url), 0x101);
 */
export function packedAudioToTs(audio: PackedAudio, pid: number): Uint8Array {
  const packets: Uint8Array[] = [];
  let counter = 0;
  for (let i = 0; i < audio.frames.length; i += FRAMES_PER_PES) {
    const frames = audio.frames.slice(i, i + FRAMES_PER_PES);
    const pts = (audio.pts + Math.round((i * 1024 * 90_000) / audio.sampleRate)) % 2 ** 33;
    const pes = pesPacket(frames, pts);
    for (let at = 0; at < pes.length; at += 184) {
      const chunk = pes.subarray(at, Math.min(at + 184, pes.length));
      packets.push(tsPacket(pid, at === 0, counter++ & 0x0f, chunk));
    }
  }
  const out = new Uint8Array(packets.length * TS_PACKET);
  packets.forEach((p, i) => out.set(p, i * TS_PACKET));
  return out;
}

/** A PES packet (audio stream 0xC0, PTS only) holding `frames`. */
function pesPacket(frames: Uint8Array[], pts: number): Uint8Array {
  const payload = frames.reduce((n, f) => n + f.length, 0);
  const pes = new Uint8Array(14 + payload);
  const length = pes.length - 6;
  pes.set([0, 0, 1, 0xc0, length >> 8, length & 0xff, 0x80, 0x80, 5]);
  // '0010' + PTS[32..30] + marker, PTS[29..15] + marker, PTS[14..0] + marker.
  pes[9] = 0x20 | (Math.floor(pts / 2 ** 30) << 1) | 1;
  const mid = Math.floor(pts / 2 ** 15) & 0x7fff;
  const low = pts & 0x7fff;
  pes.set([mid >> 7, ((mid & 0x7f) << 1) | 1, low >> 7, ((low & 0x7f) << 1) | 1], 10);
  let at = 14;
  for (const f of frames) {
    pes.set(f, at);
    at += f.length;
  }
  return pes;
}

/** One TS packet carrying `chunk` (≤ 184 bytes), stuffed with an adaptation field when shorter. */
function tsPacket(pid: number, start: boolean, counter: number, chunk: Uint8Array): Uint8Array {
  const packet = new Uint8Array(TS_PACKET).fill(0xff);
  const stuffing = 184 - chunk.length;
  packet[0] = 0x47;
  packet[1] = (start ? 0x40 : 0) | (pid >> 8);
  packet[2] = pid & 0xff;
  packet[3] = (stuffing > 0 ? 0x30 : 0x10) | counter;
  if (stuffing > 0) {
    packet[4] = stuffing - 1; // adaptation_field_length
    if (stuffing > 1) packet[5] = 0; // no flags; the rest stays 0xFF
  }
  packet.set(chunk, 4 + stuffing);
  return packet;
}

function syncsafe(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! & 0x7f) << 21) | ((bytes[at + 1]! & 0x7f) << 14) | ((bytes[at + 2]! & 0x7f) << 7) | bytes[at + 3]!
  );
}

/** The PTS an ID3 tag's transportStreamTimestamp PRIV frame gives, or null (ID3v2.3 and 2.4 frame sizes). */
function id3Timestamp(tag: Uint8Array): number | null {
  const version = tag[3]!;
  for (let at = 10; at + 10 <= tag.length;) {
    const id = String.fromCharCode(...tag.subarray(at, at + 4));
    const size =
      version >= 4
        ? syncsafe(tag, at + 4)
        : ((tag[at + 4]! << 24) | (tag[at + 5]! << 16) | (tag[at + 6]! << 8) | tag[at + 7]!) >>> 0;
    if (!/^[A-Z0-9]{4}$/.test(id)) return null; // padding
    const body = tag.subarray(at + 10, at + 10 + size);
    if (id === 'PRIV') {
      const nul = body.indexOf(0);
      const owner = String.fromCharCode(...body.subarray(0, Math.max(0, nul)));
      if (owner === TIMESTAMP_OWNER && body.length >= nul + 9) {
        const view = new DataView(body.buffer, body.byteOffset + nul + 1, 8);
        return (view.getUint32(0) & 1) * 2 ** 32 + view.getUint32(4);
      }
    }
    at += 10 + size;
  }
  return null;
}

function incompatible(url: string, what: string): PlaybackError {
  return new PlaybackError('media-incompatible', `${url}: not packed AAC the player can play (${what})`);
}

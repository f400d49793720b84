/** MPEG-TS clock: 90 kHz, 33-bit timestamps that wrap. */
export const TS_CLOCK = 90_000;
const WRAP = 2 ** 33;
const PACKET = 188;

/** The first timestamps of one MPEG-TS fragment, 90 kHz ticks (null: no such stream/field). */
export interface TsTimes {
  videoPts: number | null;
  videoDts: number | null;
  audioPts: number | null;
}

/**
 * Read the first video PTS/DTS and the first audio PTS of an MPEG-TS fragment (PES headers of
 * stream ids 0xE0–0xEF and 0xC0–0xDF).
 *
 * @example
 * readTsTimes(bytes); // { videoPts: 132000, videoDts: 126000, audioPts: 126270 }
 */
export function readTsTimes(data: ArrayBuffer): TsTimes {
  const bytes = new Uint8Array(data);
  const times: TsTimes = { videoPts: null, videoDts: null, audioPts: null };
  forEachPes(bytes, (at, streamId, flags) => {
    const video = streamId >= 0xe0 && streamId <= 0xef;
    const audio = streamId >= 0xc0 && streamId <= 0xdf;
    if (video && times.videoPts === null) {
      times.videoPts = readTimestamp(bytes, at + 9);
      times.videoDts = flags === 3 ? readTimestamp(bytes, at + 14) : times.videoPts;
    } else if (audio && times.audioPts === null) times.audioPts = readTimestamp(bytes, at + 9);
  });
  return times;
}

/**
 * Add `delta` ticks (90 kHz, may be negative) to every PES PTS/DTS and every PCR of an MPEG-TS
 * fragment, in place, modulo 2^33. Moves a fragment along the timeline without touching its
 * media: what an encoder would have written had it started the clip at another time.
 *
 * @example
 * shiftTsTimestamps(bytes, 3 * TS_CLOCK); // 3 s later
 */
export function shiftTsTimestamps(data: ArrayBuffer, delta: number): void {
  if (delta === 0) return;
  const bytes = new Uint8Array(data);
  const shift = (value: number) => (((value + delta) % WRAP) + WRAP) % WRAP;
  for (let at = 0; at + PACKET <= bytes.length; at += PACKET) {
    const control = (bytes[at + 3]! >> 4) & 3;
    // Adaptation field with a PCR: 33-bit base (90 kHz), 6 reserved bits, 9-bit extension.
    if (control & 2 && bytes[at + 4]! >= 7 && bytes[at + 5]! & 0x10) {
      const p = at + 6;
      const base =
        bytes[p]! * 2 ** 25 +
        ((bytes[p + 1]! << 17) | (bytes[p + 2]! << 9) | (bytes[p + 3]! << 1) | (bytes[p + 4]! >> 7));
      const moved = shift(base);
      bytes[p] = Math.floor(moved / 2 ** 25) & 0xff;
      bytes[p + 1] = (moved >>> 17) & 0xff;
      bytes[p + 2] = (moved >>> 9) & 0xff;
      bytes[p + 3] = (moved >>> 1) & 0xff;
      bytes[p + 4] = ((moved & 1) << 7) | (bytes[p + 4]! & 0x7f);
    }
  }
  forEachPes(bytes, (at, _streamId, flags) => {
    writeTimestamp(bytes, at + 9, shift(readTimestamp(bytes, at + 9)));
    if (flags === 3) writeTimestamp(bytes, at + 14, shift(readTimestamp(bytes, at + 14)));
  });
}

/** Calls `visit` with the offset of each PES header that carries a PTS (flags: 2 = PTS, 3 = PTS+DTS). */
function forEachPes(bytes: Uint8Array, visit: (at: number, streamId: number, flags: number) => void): void {
  for (let at = 0; at + PACKET <= bytes.length; at += PACKET) {
    if (!(bytes[at + 1]! & 0x40)) continue; // payload_unit_start_indicator
    const control = (bytes[at + 3]! >> 4) & 3;
    if (!(control & 1)) continue; // no payload
    const start = at + 4 + (control & 2 ? 1 + bytes[at + 4]! : 0);
    if (start + 19 > at + PACKET) continue;
    if (bytes[start] !== 0 || bytes[start + 1] !== 0 || bytes[start + 2] !== 1) continue; // a section, not PES
    const flags = bytes[start + 7]! >> 6;
    if (flags === 2 || flags === 3) visit(start, bytes[start + 3]!, flags);
  }
}

/** A 33-bit PES timestamp: 4 prefix bits, 3 bits, marker, 15 bits, marker, 15 bits, marker. */
function readTimestamp(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! >> 1) & 7) * 2 ** 30 +
    ((bytes[at + 1]! << 7) | (bytes[at + 2]! >> 1)) * 2 ** 15 +
    ((bytes[at + 3]! << 7) | (bytes[at + 4]! >> 1))
  );
}

function writeTimestamp(bytes: Uint8Array, at: number, value: number): void {
  const high = Math.floor(value / 2 ** 30) & 7;
  const mid = Math.floor(value / 2 ** 15) & 0x7fff;
  const low = value & 0x7fff;
  bytes[at] = (bytes[at]! & 0xf0) | (high << 1) | 1;
  bytes[at + 1] = mid >> 7;
  bytes[at + 2] = ((mid & 0x7f) << 1) | 1;
  bytes[at + 3] = low >> 7;
  bytes[at + 4] = ((low & 0x7f) << 1) | 1;
}

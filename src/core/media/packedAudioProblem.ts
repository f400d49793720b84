/** The ID3 PRIV owner whose 8 bytes give a packed-audio file's first PTS (HLS, RFC 8216 §3.4). */
export const PACKED_AUDIO_TIMESTAMP_OWNER = 'com.apple.streaming.transportStreamTimestamp';

/** Whether `bytes` start like packed audio (an ID3 tag or an ADTS frame), not MPEG-TS or fMP4. */
export function looksPackedAudio(bytes: Uint8Array): boolean {
  const id3 = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33;
  return id3 || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0);
}

/**
 * What is wrong with `data` as a packed-AAC fragment (HLS packed audio), or undefined when
 * nothing is: it must start with ID3 tags holding the `transportStreamTimestamp` PRIV frame (its
 * place on the clock), then an ADTS (AAC) frame. Pure, so `offshoot validate --media` checks
 * what the player's readPackedAudio needs.
 *
 * @example
 * packedAudioProblem(bytes); // 'no ID3 PRIV frame "com.apple.streaming.transportStreamTimestamp" …'
 */
export function packedAudioProblem(data: ArrayBuffer | Uint8Array): string | undefined {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let at = 0;
  let stamped = false;
  while (at + 10 <= bytes.length && bytes[at] === 0x49 && bytes[at + 1] === 0x44 && bytes[at + 2] === 0x33) {
    const size =
      ((bytes[at + 6]! & 0x7f) << 21) |
      ((bytes[at + 7]! & 0x7f) << 14) |
      ((bytes[at + 8]! & 0x7f) << 7) |
      bytes[at + 9]!;
    // Latin-1 text of the tag (its first 4 KiB: a timestamp tag is 73 bytes), to find the owner in.
    const tag = String.fromCharCode(...bytes.subarray(at, Math.min(at + 10 + size, at + 4096)));
    stamped ||= tag.includes('PRIV') && tag.includes(PACKED_AUDIO_TIMESTAMP_OWNER);
    at += 10 + size + (bytes[at + 5]! & 0x10 ? 10 : 0);
  }
  if (!stamped)
    return `no ID3 PRIV frame "${PACKED_AUDIO_TIMESTAMP_OWNER}" (the packed audio's timestamp) at its start`;
  if (bytes[at] !== 0xff || ((bytes[at + 1] ?? 0) & 0xf6) !== 0xf0)
    return `no ADTS (AAC) frame after the ID3 tags at byte ${at}: only packed AAC is played`;
  return undefined;
}

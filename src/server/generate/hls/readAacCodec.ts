import { readFile } from 'node:fs/promises';

/**
 * The RFC 6381 codec string of the AAC track in an fMP4 init segment (`mp4a.40.<AOT>`), read
 * from its `esds` box: object type 0x40 (MPEG-4 audio) and the audio object type of the
 * AudioSpecificConfig (2 = AAC-LC). `undefined` when the init segment has no `esds` (no AAC track).
 *
 * @example
 * await readAacCodec('out/360p-init.mp4'); // 'mp4a.40.2'
 */
export async function readAacCodec(initPath: string): Promise<string | undefined> {
  const bytes = await readFile(initPath);
  const at = bytes.indexOf('esds', 0, 'latin1');
  if (at < 0) return undefined;
  const fail = (why: string) => new Error(`readAacCodec: bad esds box in ${initPath}: ${why}`);
  let p = at + 8; // 'esds' + version/flags
  /** Read a descriptor's tag and variable-length size; returns the payload's start. */
  const descriptor = (tag: number): number => {
    if (bytes[p] !== tag) throw fail(`expected descriptor tag ${tag} at byte ${p}, found ${bytes[p]}`);
    p++;
    // Size: up to 4 bytes, 7 bits each, high bit set on all but the last.
    let more = true;
    for (let i = 0; i < 4 && more; i++) more = (bytes[p++]! & 0x80) !== 0;
    return p;
  };
  descriptor(0x03); // ES_Descriptor
  const flags = bytes[p + 2]!;
  p += 3; // ES_ID, flags
  if (flags & 0x80) p += 2; // dependsOn_ES_ID
  if (flags & 0x40) p += 1 + bytes[p]!; // URL
  if (flags & 0x20) p += 2; // OCR_ES_Id
  descriptor(0x04); // DecoderConfigDescriptor
  const objectType = bytes[p]!;
  p += 13;
  descriptor(0x05); // DecoderSpecificInfo: AudioSpecificConfig
  if (p >= bytes.length) throw fail('truncated');
  let aot = bytes[p]! >> 3;
  if (aot === 31) aot = 32 + (((bytes[p]! & 0x07) << 3) | (bytes[p + 1]! >> 5));
  return `mp4a.${objectType.toString(16)}.${aot}`;
}

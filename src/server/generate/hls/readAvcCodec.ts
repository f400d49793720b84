import { readFile } from 'node:fs/promises';

/**
 * The RFC 6381 codec string (`avc1.PPCCLL`) of an fMP4 init segment, read from its
 * `avcC` box: profile, constraint flags and level exactly as the encoder wrote them,
 * so the master playlist's CODECS never disagrees with the stream.
 *
 * @example
 * await readAvcCodec('out/360p-init.mp4'); // 'avc1.64001e' (High, level 3.0)
 */
export async function readAvcCodec(initPath: string): Promise<string> {
  const bytes = await readFile(initPath);
  const at = bytes.indexOf('avcC', 0, 'latin1');
  if (at < 0 || at + 8 > bytes.length)
    throw new Error(`readAvcCodec: no avcC box in ${initPath} (is it an H.264 fMP4 init segment?)`);
  // avcC payload: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
  const hex = (b: number) => b.toString(16).padStart(2, '0');
  return `avc1.${hex(bytes[at + 5]!)}${hex(bytes[at + 6]!)}${hex(bytes[at + 7]!)}`;
}

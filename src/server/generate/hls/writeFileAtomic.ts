import { rename, writeFile } from 'node:fs/promises';

let counter = 0;

/**
 * Write a file under a temporary name and rename it into place, so a reader (the segment
 * server, a player polling the playlist) sees the old file or the new one, never half of one.
 *
 * @example
 * await writeFileAtomic('/store/abc/index.m3u8', '#EXTM3U\n...');
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${counter++}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypeOf } from '../contentTypes.js';

/**
 * The servable files under a render's staging folder (relative paths with `/`), in the order a
 * reader may safely see them appear: segments and init files first, then playlists, deepest
 * first (the caller puts masters last), so no playlist names a file that is not uploaded yet. Temporary names (`x.m4s.tmp-…`) and dot-files are left out:
 * they have no servable type, or are never served.
 *
 * @example
 * await stagedFiles('/tmp/stage'); // ['init.mp4', 'seg_00000.m4s', 'media.m3u8', 'index.m3u8']
 */
export async function stagedFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && contentTypeOf(entry.name)) found.push(path);
    }
  };
  await walk('');
  const rank = (path: string): number => (path.endsWith('.m3u8') ? 1 : 0);
  const depth = (path: string): number => path.split('/').length;
  return found.sort((a, b) => rank(a) - rank(b) || depth(b) - depth(a) || a.localeCompare(b));
}

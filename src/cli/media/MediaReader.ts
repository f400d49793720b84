import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the media check reads playlists, fragments and keys from. */
export interface MediaReader {
  /** A segment's `media` value made absolute (file: or http(s):), against the story file. */
  resolve(media: string): URL;
  /** The bytes at `url`; rejects with a message naming the URL and why. */
  read(url: URL): Promise<Uint8Array>;
}

/** Longest wait for one HTTP response: a check that hangs helps nobody. */
const HTTP_TIMEOUT_MS = 20_000;

/**
 * Reads media as the player would find it: relative `media` values against the story file
 * (as the player resolves them against the story's URL), `--mount prefix=dir` folders
 * served at `prefix/` beside the story (as `offshoot test-paths` serves them), and http(s)
 * URLs fetched. With `baseUrl` (`--base-url`: the URL the story is served from, or the
 * player's `baseUrl` option), `media` values resolve against it instead, as the player
 * resolves them: root-relative ones (`/media/x.m3u8`) included, which have no meaning
 * against a file on disk.
 *
 * @example
 * const reader = mediaReader('stories/walk.json', { media: 'test/media' });
 * await reader.read(reader.resolve('media/intro/index.m3u8'));
 * mediaReader('walk.json', {}, 'https://cdn.example/s/walk.json').resolve('/media/x.m3u8'); // https://cdn.example/media/x.m3u8
 */
export function mediaReader(storyFile: string, mounts: Record<string, string> = {}, baseUrl?: string): MediaReader {
  const storyDir = resolve(storyFile, '..');
  const roots = Object.entries(mounts)
    .map(([prefix, dir]) => [resolve(storyDir, prefix.replace(/^\/+|\/+$/g, '')) + sep, resolve(dir) + sep] as const)
    .sort((a, b) => b[0].length - a[0].length);
  const base = baseUrl ?? pathToFileURL(resolve(storyFile));
  /** Root-relative values resolved against the story file: their read errors say what to pass. */
  const rootRelative = new Set<string>();
  return {
    resolve(media) {
      const url = new URL(media, base);
      if (!baseUrl && media.startsWith('/') && !media.startsWith('//')) rootRelative.add(url.href);
      return url;
    },
    async read(url) {
      if (url.protocol === 'file:') {
        let file = decodeURIComponent(url.pathname);
        const root = roots.find(([prefix]) => file.startsWith(prefix));
        if (root) file = root[1] + file.slice(root[0].length);
        try {
          return new Uint8Array(await readFile(file));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const hint = rootRelative.has(url.href)
            ? '; a root-relative media URL: pass --base-url with the URL the story is served from'
            : '';
          throw new Error(
            code === 'ENOENT' ? `no such file ${file}${hint}` : `cannot read ${file}: ${code ?? String(error)}`,
            { cause: error },
          );
        }
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`cannot read a ${url.protocol} URL`);
      const response = await fetch(url, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }).catch((error: Error) => {
        throw new Error(`fetch failed: ${error.cause instanceof Error ? error.cause.message : error.message}`, {
          cause: error,
        });
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

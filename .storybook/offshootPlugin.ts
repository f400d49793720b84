import { createReadStream, cpSync, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { entryKindOf, groupTitle, storyEntries } from '../stories/author/storyEntries.js';
import { parseLoose } from './parseLoose.js';
import type { StoryFileConfig } from './storyFile.js';

/** Where the story's folder is served, relative to iframe.html (works under any base path). */
export const STORY_URL_DIR = 'offshoot-story';

const runtime = fileURLToPath(new URL('../stories/author/authorStories.ts', import.meta.url));
const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.ts': 'video/mp2t',
  '.json': 'application/json',
  '.vtt': 'text/vtt',
};

/**
 * Vite plugin: turns `stories/<group>.offshoot.js` into a CSF module whose exports are the
 * indexer's entries (same `storyEntries` call), with the story file's text inlined; serves
 * the story's folder at `offshoot-story/` in dev and copies the media it references into a
 * static build.
 *
 * @example
 * viteFinal: (vite) => ({ ...vite, plugins: [...(vite.plugins ?? []), offshootPlugin(storyFileConfig())] })
 */
export function offshootPlugin(config: StoryFileConfig): Plugin {
  const raw = parseLoose(config.text);
  return {
    name: 'offshoot-story',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0]!;
      const kind = entryKindOf(file);
      if (!kind) return null;
      this.addWatchFile(config.file);
      return csfModule(kind, raw, config);
    },
    configureServer(server) {
      server.middlewares.use(`/${STORY_URL_DIR}/`, (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '');
        const file = mediaFile(config, path);
        if (!file || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    writeBundle(options) {
      if (!options.dir) return;
      // Only the folders the story's segments name (an HLS playlist and its fragments), not
      // everything beside the story file.
      // An ink story's compiled ink (its `ink` field), which the player fetches beside the story.
      const ink = (raw as { ink?: unknown } | undefined)?.ink;
      const inkFile = typeof ink === 'string' ? mediaFile(config, ink) : undefined;
      if (inkFile && existsSync(inkFile)) cpSync(inkFile, join(options.dir, STORY_URL_DIR, ink as string));
      for (const url of mediaUrls(raw)) {
        const folder = dirname(url);
        const from = mediaFile(config, folder);
        if (!from || !existsSync(from)) continue;
        cpSync(from, join(options.dir, STORY_URL_DIR, folder), { recursive: true });
      }
    },
  };
}

/** The file a path under `offshoot-story/` stands for; undefined when it would leave the story's folder. */
function mediaFile(config: StoryFileConfig, path: string): string | undefined {
  const [root, rest] =
    config.mediaDir && (path === 'media' || path.startsWith('media/'))
      ? [config.mediaDir, path.slice(6)]
      : [config.dir, path];
  const file = resolve(root, rest);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

/** Relative media URLs of the story's segments (absolute URLs are fetched from where they are). */
function mediaUrls(raw: unknown): string[] {
  const segments = (raw as { segments?: Record<string, { media?: unknown }> } | undefined)?.segments;
  if (!segments || typeof segments !== 'object') return [];
  return Object.values(segments).flatMap((s) => {
    const media = s && typeof s === 'object' ? s.media : undefined;
    return typeof media === 'string' && !/^[a-z][a-z0-9+.-]*:|^\//i.test(media) && !media.split('/').includes('..')
      ? [media]
      : [];
  });
}

function csfModule(kind: ReturnType<typeof entryKindOf> & string, raw: unknown, config: StoryFileConfig): string {
  const source = {
    text: config.text,
    file: config.file.split(sep).pop(),
    storyDir: STORY_URL_DIR,
    backend: config.backend ?? null,
  };
  const lines = [
    `import { authorMeta, authorStory } from ${JSON.stringify(runtime)};`,
    `const source = ${JSON.stringify(source)};`,
    `export default authorMeta(source, ${JSON.stringify(kind)}, ${JSON.stringify(groupTitle(raw, kind))});`,
  ];
  for (const entry of storyEntries(kind, raw)) {
    lines.push(
      `export const ${entry.exportName} = authorStory(source, ${JSON.stringify(kind)}, ${JSON.stringify(entry.segmentId ?? null)}, ${JSON.stringify(entry.name)});`,
    );
  }
  return lines.join('\n');
}

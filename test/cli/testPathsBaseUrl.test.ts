// `offshoot test-paths --base-url`: a story whose media values are root-relative
// (/a/index.m3u8), as a site serving its stories and media from one origin writes them. The
// media are test/media served over real HTTP (with CORS: the player fetches them from the
// runner page's own origin); the paths play in real chromium with the built player bundle.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PathResult } from '../../src/cli/pathRunner/classifyRun.js';
import { serveTestMedia } from './media/serveTestMedia.js';
import { runCli } from './runCli.js';

const SLOW = 240_000;
const COMMON = ['--max-stall-ms', '20000', '--json'];

function rootRelativeStory(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'offshoot-paths-base-')), 'story.json');
  const story = {
    offshoot: 1,
    id: 'root-relative',
    title: 'Root-relative media',
    start: 'a',
    state: {},
    segments: {
      a: { media: '/a/index.m3u8', duration: 3, next: 'b' },
      b: { media: '/b/index.m3u8', duration: 3, end: true },
    },
  };
  writeFileSync(file, JSON.stringify(story, null, 2));
  return file;
}

interface Report {
  passed: number;
  failed: number;
  paths: Array<PathResult & { media: Array<{ code: string; segment: string; url: string }> }>;
}

describe('offshoot test-paths --base-url', () => {
  it(
    'plays and checks root-relative media from the URL the story is served from; without it the path fails naming the media',
    async () => {
      const file = rootRelativeStory();
      const media = await serveTestMedia({ cors: true });
      try {
        const served = await runCli([
          'test-paths',
          file,
          '--base-url',
          `${media.origin}/stories/story.json`,
          ...COMMON,
        ]);
        const report = JSON.parse(served.stdout) as Report;
        expect(report).toMatchObject({ passed: 1, failed: 0 });
        expect(report.paths[0]).toMatchObject({ ok: true, played: ['a', 'b'], media: [] });
        expect(served.code).toBe(0);

        const without = await runCli(['test-paths', file, ...COMMON]);
        const failed = JSON.parse(without.stdout) as Report;
        expect(failed).toMatchObject({ passed: 0, failed: 1 });
        expect(failed.paths[0]!.failures[0]).toMatchObject({ kind: 'missing-media', segmentId: 'a' });
        // The media check names the missing --base-url too.
        expect(failed.paths[0]!.media[0]).toMatchObject({ code: 'playlist-load-failed', segment: 'a' });
        expect(without.code).toBe(1);
      } finally {
        media.close();
      }
    },
    SLOW,
  );

  it('refuses a URL that is not absolute (exit 2), and is in the help', async () => {
    const bad = await runCli(['test-paths', rootRelativeStory(), '--base-url', 'stories/story.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--base-url.*expected an absolute URL/);
    const { stdout } = await runCli(['test-paths', '--help']);
    expect(stdout).toMatch(/--base-url <url>\s+resolve media URLs against this URL/);
  });
});

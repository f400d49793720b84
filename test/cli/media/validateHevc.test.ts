// `offshoot validate --media` on HEVC as libx265 + ffmpeg's HLS muxer make it (npm run media),
// and `--base-url` for root-relative media, over real HTTP.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import type { MediaIssue as Issue, MediaReport as Report } from './MediaReport.js';
import { writeMediaStory } from './mediaStory.js';
import { serveTestMedia } from './serveTestMedia.js';

const HEVC_SEGMENTS = {
  intro: 'media/intro/index.m3u8',
  hevc: 'media/hevc/index.m3u8',
  hevcmedia: 'media/hevc/video/media.m3u8',
  hev1: 'media/hevc-hev1/index.m3u8',
  both: 'media/hevc-h264/index.m3u8',
};

describe('offshoot validate --media on HEVC', () => {
  it("warns on HEVC-only segments, on hev1 and on ffmpeg's understated BANDWIDTH, notes HEVC beside H.264, each on its segment line; nothing refused", async () => {
    const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-hevc-')), HEVC_SEGMENTS);
    const { code, stdout } = await runCli(['validate', file, '--media', '--mount', 'media=test/media', '--json']);
    const report = JSON.parse(stdout) as Report;
    expect(report.media.errors).toEqual([]);
    expect(code).toBe(0);
    const found = (list: Issue[]) => list.map((i) => `${i.segment} ${i.code}`).sort();
    // ffmpeg 5.1's master says BANDWIDTH=70400 (the audio's) for every variant.
    expect(found(report.media.warnings)).toEqual([
      ...Array<string>(4).fill('both bandwidth-understated'),
      'hev1 bandwidth-understated',
      'hev1 codec-limited',
      'hev1 codec-tag',
      'hev1 codecs-missing', // ffmpeg writes no CODECS for hev1
      'hevc bandwidth-understated',
      'hevc codec-limited',
      'hevcmedia codec-limited',
    ]);
    expect(found(report.media.notes)).toEqual(['both codec-choice', 'made generated']);
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const issue of [...report.media.warnings, ...report.media.notes].filter((i) => i.segment !== 'made'))
      expect(lines[issue.line - 1]).toContain(
        `"media": "${HEVC_SEGMENTS[issue.segment as keyof typeof HEVC_SEGMENTS]}"`,
      );
    const at = (segment: string, code: string) =>
      [...report.media.warnings, ...report.media.notes].find((i) => i.segment === segment && i.code === code)!;
    // The codec comes from the init section (hvcC), whatever the master's CODECS says.
    expect(at('hevcmedia', 'codec-limited').message).toMatch(
      /^HEVC only \(hvc1\.1\.6\.L\d+\.90\): plays only where the browser decodes HEVC/,
    );
    expect(at('hevcmedia', 'codec-limited').message).toMatch(/H\.264 variants/);
    expect(at('hev1', 'codec-tag').url).toMatch(/hevc-hev1\/video\/init\.mp4$/);
    expect(at('hev1', 'codec-tag').message).toMatch(/hev1 .*Safari .*-tag:v hvc1/);
    expect(at('hevc', 'bandwidth-understated').message).toMatch(
      /^BANDWIDTH=70400, but its first fragment alone is \d+ kbit\/s: the player's ABR picks renditions by BANDWIDTH/,
    );
    expect(at('hevc', 'bandwidth-understated').url).toMatch(/hevc\/video\/media\.m3u8$/);
    expect(at('both', 'codec-choice').message).toMatch(/^HEVC \(hvc1\.[^)]*\) beside avc1\.64001e, avc1\.64001f/);
  });
});

describe('offshoot validate --media --base-url', () => {
  it('resolves root-relative media against the URL the story is served from, and says so when it is missing', async () => {
    const server = await serveTestMedia();
    const { origin } = server;
    try {
      const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-base-')), {
        ladder: '/ladder/index.m3u8',
        intro: '../intro/index.m3u8', // relative ones resolve against it too
      });
      const without = await runCli(['validate', file, '--media']);
      expect(without.code).toBe(1);
      expect(without.stdout).toMatch(
        /playlist-load-failed \/segments\/ladder\/media error: file:\/\/\/ladder\/index\.m3u8: cannot be read \(no such file \/ladder\/index\.m3u8; a root-relative media URL: pass --base-url/,
      );
      const served = await runCli(['validate', file, '--media', '--base-url', `${origin}/stories/story.json`]);
      expect(served.stdout).toMatch(
        /media of 2 segments checked: the player plays it \(0 errors, 0 warnings, 1 note\)/,
      );
      expect(served.code).toBe(0);
      const bad = await runCli(['validate', file, '--media', '--base-url', 'not a url']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--base-url.*expected an absolute URL/);
    } finally {
      server.close();
    }
  });

  it('is in the help', async () => {
    const { stdout } = await runCli(['validate', '--help']);
    expect(stdout).toMatch(/--base-url <url>\s+with --media: resolve media URLs against this URL/);
  });
});

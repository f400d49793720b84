// `offshoot validate --media` on real ffmpeg media (test/media) and broken variants of it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../buildCli.js';
import { runCli } from '../runCli.js';
import type { MediaIssue as Issue, MediaReport } from './MediaReport.js';
import { SEGMENTS, writeMediaStory } from './mediaStory.js';
import { serveTestMedia } from './serveTestMedia.js';

const MOUNT = ['--mount', 'media=test/media'];

describe('offshoot validate --media', () => {
  it('reports each broken variant with its code, URL and line, and passes the media the player plays', async () => {
    const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-media-')), SEGMENTS);
    const { code, stdout } = await runCli(['validate', file, '--media', ...MOUNT, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as MediaReport;
    expect(report.valid).toBe(false);
    const codes = (list: Issue[]) => Object.fromEntries(list.map((i) => [i.segment, i.code]));
    expect(codes(report.media.errors)).toEqual({
      byterange: 'playlist-invalid',
      nomap: 'playlist-invalid',
      discontinuity: 'playlist-invalid',
      ac3: 'media-incompatible',
      sampleaes: 'media-incompatible',
      nokey: 'key-load-failed',
      corrupt: 'fragment-corrupt',
      missing: 'fragment-load-failed',
      absent: 'playlist-load-failed',
      ts: 'media-incompatible',
    });
    expect(codes(report.media.warnings)).toEqual({
      nocodecs: 'codecs-missing',
      ac3: 'codec-unplayable',
      misaligned: 'ladder-misaligned',
      nosubs: 'subtitles-failed',
    });
    expect(codes(report.media.notes)).toEqual({
      subs: 'subtitles',
      nosubs: 'subtitles',
      alt: 'alternate-audio',
      aes: 'encrypted',
      made: 'generated',
    });
    // Each issue sits on its segment's `media` line and names the file at fault.
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const issue of [...report.media.errors, ...report.media.warnings])
      expect(lines[issue.line - 1]).toContain(`"media": "${SEGMENTS[issue.segment]}"`);
    const byId = Object.fromEntries(report.media.errors.map((i) => [i.segment, i]));
    expect(byId.corrupt!.url).toMatch(/broken\/cut\.m4s$/);
    expect(byId.corrupt!.message).toMatch(/"mdat" at offset \d+ claims \d+ bytes/);
    expect(byId.nokey!.url).toMatch(/no-such\.key$/);
    expect(byId.ts!.message).toMatch(/MPEG-TS segment .* fMP4/);
    expect(report.media.notes.find((i) => i.segment === 'alt')!.message).toMatch(/"English" \(en\) default/);
  });

  it('passes a story of playable media, fetched over HTTP too', async () => {
    const server = await serveTestMedia();
    const { origin } = server;
    try {
      const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-media-')), {
        intro: 'media/intro/index.m3u8',
        ladder: `${origin}/ladder/index.m3u8`,
        gone: `${origin}/ladder/nothing.m3u8`,
      });
      const { code, stdout } = await runCli(['validate', file, '--media', ...MOUNT]);
      expect(stdout).toContain(
        `playlist-load-failed /segments/gone/media error: ${origin}/ladder/nothing.m3u8: cannot be read (HTTP 404)`,
      );
      expect(stdout).toMatch(
        /media of 3 segments checked: the player would refuse some of it \(1 error, 0 warnings, 1 note\)/,
      );
      expect(code).toBe(1);
      const good = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-media-')), {
        intro: 'media/intro/index.m3u8',
        ladder: `${origin}/ladder/index.m3u8`,
      });
      const ok = await runCli(['validate', good, '--media', ...MOUNT]);
      expect(ok.stdout).toMatch(/media of 2 segments checked: the player plays it \(0 errors, 0 warnings, 1 note\)/);
      expect(ok.code).toBe(0);
    } finally {
      server.close();
    }
  });

  it('passes an MPEG-TS ladder whose renditions line up: the player switches it inside a segment (ADR 0015)', async () => {
    const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-media-')), {
      ladder: 'media/ladder-ts/index.m3u8',
      again: 'media/ladder-ts/index.m3u8',
    });
    const { code, stdout } = await runCli(['validate', file, '--media', ...MOUNT]);
    expect(stdout).not.toContain('ladder-misaligned');
    expect(stdout).toMatch(/media of 2 segments checked: the player plays it \(0 errors, 0 warnings/);
    expect(code).toBe(0);
  });

  describe('bin/offshoot.mjs (built)', () => {
    beforeAll(buildCli, 300_000);

    it('prints file:line:col code path and exits 1 on media the player refuses', { timeout: 60_000 }, async () => {
      const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-media-')), {
        intro: 'media/intro/index.m3u8',
        corrupt: 'broken/corrupt.m3u8',
      });
      const result = await promisify(execFile)(process.execPath, [
        'bin/offshoot.mjs',
        'validate',
        file,
        '--media',
        ...MOUNT,
      ]).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        new RegExp(
          `^${file}:\\d+:\\d+ fragment-corrupt /segments/corrupt/media error: file://.*/broken/cut\\.m4s: not valid fMP4`,
          'm',
        ),
      );
    });
  });
});

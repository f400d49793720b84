// `offshoot validate --media` on Apple's classic layout (issue 11, ADR 0012): a video-only
// MPEG-TS variant with MPEG-TS or packed-AAC audio renditions is played (muxed as packets),
// so it is reported as alternate audio, not refused; pairings the player cannot mux still are.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import type { MediaReport as Report } from './MediaReport.js';
import { writeMediaStory } from './mediaStory.js';

const MOUNT = ['--mount', 'media=test/media'];

async function validate(segments: Record<string, string>): Promise<{ code: number; report: Report }> {
  const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'offshoot-ts-alt-')), segments);
  const { code, stdout } = await runCli(['validate', file, '--media', ...MOUNT, '--json']);
  return { code, report: JSON.parse(stdout) as Report };
}

describe("offshoot validate --media: Apple's classic layout", () => {
  it('MPEG-TS video with MPEG-TS and with packed-AAC audio renditions passes, noted as alternate audio', async () => {
    const { code, report } = await validate({
      muxed: 'media/beep-ts-muxed/index.m3u8',
      ts: 'media/beep-ts-alt/index.m3u8',
      packed: 'media/beep-ts-packed/index.m3u8',
    });
    expect(report.media.errors).toEqual([]);
    // Only ffmpeg 5.1's master BANDWIDTH (the audio's bitrate), which the media check reports (H4, ADR 0016).
    expect(report.media.warnings.map((w) => `${w.segment} ${w.code}`)).toEqual(
      ['muxed', 'ts', 'packed'].map((s) => `${s} bandwidth-understated`),
    );
    expect(report.media.notes.filter((n) => n.code === 'alternate-audio').map((n) => n.segment)).toEqual([
      'ts',
      'packed',
    ]);
    expect(code).toBe(0);
  });

  it('an MPEG-TS audio rendition beside fMP4 video is still refused, naming the rendition and the fix', async () => {
    const { code, report } = await validate({ mixed: 'media/beep-alt/ts-audio.m3u8' });
    expect(report.media.errors).toEqual([
      expect.objectContaining({
        segment: 'mixed',
        code: 'media-incompatible',
        url: expect.stringMatching(/bframes-ts\/media\.m3u8$/),
      }),
    ]);
    expect(report.media.errors[0]!.message).toMatch(
      /an MPEG-TS \(or packed\) audio rendition with fMP4 video cannot be muxed/,
    );
    expect(code).toBe(1);
  });
});

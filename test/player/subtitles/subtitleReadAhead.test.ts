// The chain from a segment's master to its first cue: the WebVTT playlist and first fragment are
// read beside the video's first timestamp, not after it (in sequence it was 5 round trips, and a
// branch chosen in its last second on a 200 ms link got its first VTT about 0.4 s after the
// splice: ADR 0013). Real HTTP serving test/media/subs-ts-aes (AES-128 video: its first
// fragment is read whole and decrypted); the server holds the video fragment's answer until the
// WebVTT fragment has been asked for, so the order is what is tested, not a time.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentSubtitles } from '../../../src/player/playback/subtitles/SegmentSubtitles.js';
import { subtitleIO } from '../../../src/player/playback/subtitles/subtitleIO.js';

const DIR = 'test/media/subs-ts-aes';
let server: Server;
let base = '';
const requests: string[] = [];
let vttAsked: () => void = () => undefined;
/** The video fragment was asked for and not yet answered. */
let videoHeld = false;
/** What videoHeld was when the WebVTT fragment was asked for. */
let heldWhenVttAsked: boolean | null = null;
const vttAskedOnce = new Promise<void>((resolve) => (vttAsked = resolve));

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    requests.push(path);
    if (path === '/subs/en_media0.vtt') {
      heldWhenVttAsked ??= videoHeld;
      vttAsked();
    }
    let body: Buffer;
    try {
      body = readFileSync(`${DIR}${path}`);
    } catch {
      return void res.writeHead(404).end();
    }
    // Held until the first WebVTT fragment is asked for (at most 3 s, so a failure is a failure, not a hang).
    if (path === '/video/seg_000.mpegts') {
      videoHeld = true;
      void Promise.race([vttAskedOnce, new Promise((r) => setTimeout(r, 3000))]).then(() => {
        videoHeld = false;
        res.end(body);
      });
    } else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SegmentSubtitles reads ahead', () => {
  it('asks for the first WebVTT fragment before the first timestamp is read; cues placed once both are in (AES-128 TS)', async () => {
    const errors: Error[] = [];
    let changed = 0;
    const subs = new SegmentSubtitles(
      `${base}/index.m3u8`,
      subtitleIO,
      () => changed++,
      (e) => errors.push(e),
    );
    await subs.renditions;
    subs.setHorizon(1);
    subs.show(0);
    for (let i = 0; i < 200 && subs.cues.length === 0 && errors.length === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    subs.destroy();
    expect(errors).toEqual([]);
    expect(heldWhenVttAsked, `requests: ${requests.join(' ')}`).toBe(true);
    // Placed on the decrypted media's first frame: ffmpeg's 0.4 s cue at 0.4 s (ADR 0013's TS rule).
    expect(subs.cues[0]).toMatchObject({ text: 'EN T1', from: expect.closeTo(0.4, 3) });
    expect(changed).toBeGreaterThan(0);
  });
});

// SegmentSubtitles against a real HTTP server serving ffmpeg's subtitle media (test/media/subs-a)
// with a subtitle playlist that grows while it is read, as a live render's would.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentSubtitles } from '../../../src/player/playback/subtitles/SegmentSubtitles.js';
import { subtitleIO } from '../../../src/player/playback/subtitles/subtitleIO.js';

const DIR = 'test/media/subs-a';
let server: Server;
let base = '';
const requests: Array<{ path: string; range?: string }> = [];
/** How many fragments the growing English playlist lists, and whether it has ENDLIST. */
const growing = { listed: 1, ended: false };

function englishPlaylist(): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1', '#EXT-X-PLAYLIST-TYPE:EVENT'];
  for (let i = 0; i < growing.listed; i++) lines.push('#EXTINF:1.000000,', `en_media${i}.vtt`);
  if (growing.ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    requests.push({ path, range: req.headers.range });
    if (path === '/subs/en.m3u8') return void res.end(englishPlaylist());
    // The same segment with its English rendition pointing at a playlist that is not there.
    if (path === '/broken/index.m3u8')
      return void res.end(readFileSync(`${DIR}/index.m3u8`, 'utf8').replace('subs/en.m3u8', 'subs/none.m3u8'));
    let body: Buffer;
    try {
      body = readFileSync(`${DIR}${path.replace(/^\/broken\//, '/')}`);
    } catch {
      res.statusCode = 404;
      return void res.end();
    }
    const range = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '');
    if (range) {
      const from = Number(range[1]);
      const slice = body.subarray(from, Number(range[2]) + 1);
      res.writeHead(206, { 'content-range': `bytes ${from}-${from + slice.length - 1}/${body.length}` });
      return void res.end(slice);
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const waitFor = async (test: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!test()) throw new Error(`timed out waiting for ${what}`);
};

describe('SegmentSubtitles', () => {
  it('reads the renditions, fetches cues only up to the horizon, re-reads a growing playlist, places cues on segment time', async () => {
    const errors: Error[] = [];
    const subs = new SegmentSubtitles(
      `${base}/index.m3u8`,
      subtitleIO,
      () => {},
      (e) => errors.push(e),
      50,
    );
    const renditions = await subs.renditions;
    expect(renditions.map((r) => r.name)).toEqual(['English', 'Français']);
    subs.setHorizon(0.5);
    subs.show(0);
    await waitFor(() => subs.cues.length === 1, 'the first cue');
    expect(subs.cues[0]!.text).toBe('EN A1');
    // Source cue 0.4 s; ffmpeg wrote it 2 B-frames later, where the first picture's timestamp is.
    expect(subs.cues[0]!.from).toBeCloseTo(0.4, 3);
    // The video's first timestamp came from a Range read of its first fragment, not the whole file.
    expect(requests.find((r) => r.path === '/video/seg_000.m4s')?.range).toBe('bytes=0-16383');

    growing.listed = 3;
    growing.ended = true;
    await waitFor(() => requests.filter((r) => r.path === '/subs/en.m3u8').length >= 2, 'a re-read');
    await new Promise((r) => setTimeout(r, 200));
    // Listed now, but past the horizon: not fetched.
    expect(requests.some((r) => r.path === '/subs/en_media1.vtt')).toBe(false);
    subs.setHorizon(30);
    await waitFor(() => subs.cues.length === 2, 'the second cue');
    expect(subs.cues[1]).toEqual({
      from: expect.closeTo(1.6, 3),
      to: expect.closeTo(2.6, 3),
      text: 'EN A2 <b>not bold</b>',
    });
    subs.destroy();
    expect(errors).toEqual([]);
  });

  it('a subtitle playlist that cannot be fetched is reported with its URL (after retries); the renditions still list', async () => {
    const errors: Error[] = [];
    const subs = new SegmentSubtitles(
      `${base}/broken/index.m3u8`,
      subtitleIO,
      () => {},
      (e) => errors.push(e),
      50,
    );
    expect((await subs.renditions).map((r) => r.name)).toEqual(['English', 'Français']);
    subs.show(0);
    await waitFor(() => errors.length > 0, 'the error');
    expect(errors[0]!.message).toContain(`${base}/broken/subs/none.m3u8`);
    expect(subs.cues).toEqual([]);
    subs.destroy();
  });
});

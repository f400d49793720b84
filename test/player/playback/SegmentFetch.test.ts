// SegmentFetch against a real HTTP server whose answers take a while (a high-latency link):
// which requests overlap, and when each fragment is listed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SegmentFetch } from '../../../src/player/playback/SegmentFetch.js';
import type { SegmentFetchHost } from '../../../src/player/playback/SegmentFetch.js';

const FRAGMENTS = 4;
const ANSWER_DELAY_MS = 120;
const playlist = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-PLAYLIST-TYPE:VOD',
  '#EXT-X-MAP:URI="init.mp4"',
  ...Array.from({ length: FRAGMENTS }, (_, i) => [`#EXTINF:1.000000,`, `seg_${i}.m4s`]).flat(),
  '#EXT-X-ENDLIST',
  '',
].join('\n');

/** What the server saw, in order: `>name` when a request arrived, `<name` when it was answered. */
const log: string[] = [];
const server = createServer((req, res) => {
  const name = req.url!.split('/').pop()!;
  log.push(`>${name}`);
  const delay = name.endsWith('.m3u8') ? 0 : ANSWER_DELAY_MS;
  setTimeout(() => {
    log.push(`<${name}`);
    res.end(name.endsWith('.m3u8') ? playlist : Buffer.alloc(1000));
  }, delay);
});
let origin = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Segment URLs resolve against the page; here there is none.
  vi.stubGlobal('document', { baseURI: `${origin}/` });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
const errors: string[] = [];

function host(onChange: (f: SegmentFetch) => void): SegmentFetchHost {
  const policy = { retries: 0, delayMs: 10, timeoutMs: 5000 };
  return { retry: policy, playlistRetry: policy, growingPollMs: 500, onChange, onError: (_f, e) => void errors.push(e.message) };
}

describe('SegmentFetch', () => {
  it('asks for the init section with the first fragment, pipelines the rest and lists each fragment as it arrives', async () => {
    log.length = 0;
    const listed: Array<{ verified: number; answered: number }> = [];
    const answered = () => log.filter((l) => l.startsWith('<seg_')).length;
    const fetch = await new Promise<SegmentFetch>((resolve) => {
      const f: SegmentFetch = new SegmentFetch({ segmentId: 's', url: `${origin}/s/index.m3u8`, durationSeconds: FRAGMENTS }, 30, host((x) => {
        listed.push({ verified: x.verified.length, answered: answered() });
        if (x.finished) resolve(x);
      }));
      void f;
    });
    const at = (entry: string) => log.indexOf(entry);
    // Init and first fragment in flight together: one round trip, not two.
    expect(at('>seg_0.m4s'), log.join(' ')).toBeLessThan(at('<init.mp4'));
    // The first fragment has the link to itself; from then on the next one is asked for while the
    // one before it is still in flight.
    expect(at('>seg_1.m4s'), log.join(' ')).toBeGreaterThan(at('<seg_0.m4s'));
    expect(at('>seg_2.m4s'), log.join(' ')).toBeLessThan(at('<seg_1.m4s'));
    // Listed one by one, each as soon as it arrived (not once the whole segment is in).
    expect(listed.slice(0, FRAGMENTS).map((l) => l.verified)).toEqual([1, 2, 3, 4]);
    expect(listed[0]!.answered).toBe(1);
    expect(fetch.verified).toHaveLength(FRAGMENTS);
    expect(log.filter((l) => l.startsWith('>seg_'))).toHaveLength(FRAGMENTS); // nothing fetched twice
    expect(fetch.take(`${origin}/s/init.mp4`)?.byteLength).toBe(1000);
    expect(errors).toEqual([]);
  });

  it('fetches no fragment past its limit', async () => {
    log.length = 0;
    let f: SegmentFetch | undefined;
    await new Promise<void>((resolve) => {
      f = new SegmentFetch({ segmentId: 'p', url: `${origin}/p/index.m3u8`, durationSeconds: FRAGMENTS }, 2, host((x) => x.verified.length === 2 && resolve()));
    });
    if (!f) throw new Error('no fetch');
    // Time for a request past the limit to show up, if one were made.
    await new Promise((r) => setTimeout(r, ANSWER_DELAY_MS * 3));
    expect(f.verified).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('>seg_'))).toEqual(['>seg_0.m4s', '>seg_1.m4s']);
    f.abort();
  });
});

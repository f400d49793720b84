// SegmentFetch against a real HTTP server whose answers take a while (a high-latency link):
// which requests overlap, and when each fragment is listed.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentFetch } from '../../../src/player/playback/SegmentFetch.js';
import type { SegmentFetchHost } from '../../../src/player/playback/SegmentFetchHost.js';
import { closePage, listenAsPage } from '../../support/pageOrigin.js';
import { testFetchHost, verifiedFragments } from '../../support/testFetchHost.js';

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

/** Three renditions of one segment: AV1 1080p, H.264 720p and H.264 360p. */
const master = [
  '#EXTM3U',
  '#EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="av01.0.08M.08,mp4a.40.2"',
  'av1/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
  '720/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"',
  '360/index.m3u8',
  '',
].join('\n');

/** A ladder whose 720p has 2 s fragments: it does not line up with 360p's 1 s ones. */
const oddPlaylist = playlist
  .replace(/#EXTINF:1\.000000,\nseg_[23]\.m4s\n/g, '')
  .replace(/#EXTINF:1\.000000,/g, '#EXTINF:2.000000,')
  .replace('TARGETDURATION:1', 'TARGETDURATION:2');
const ladder = (top: string) =>
  [
    '#EXTM3U',
    '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"',
    '360/index.m3u8',
    '#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
    `${top}/index.m3u8`,
    '',
  ].join('\n');

/** What the server saw, in order: `>name` when a request arrived, `<name` when it was answered. */
const log: string[] = [];
/** Request paths, for which rendition was fetched. */
const paths: string[] = [];
const server = createServer((req, res) => {
  const name = req.url!.split('/').pop()!;
  log.push(`>${name}`);
  paths.push(req.url!);
  const delay = name.endsWith('.m3u8') ? 0 : ANSWER_DELAY_MS;
  setTimeout(() => {
    log.push(`<${name}`);
    const body =
      name === 'master.m3u8'
        ? master
        : name === 'aligned.m3u8'
          ? ladder('720')
          : name === 'odd.m3u8'
            ? ladder('odd')
            : req.url!.includes('/odd/')
              ? oddPlaylist
              : name.endsWith('.m3u8')
                ? playlist
                : Buffer.alloc(1000);
    res.end(body);
  }, delay);
});
let origin = '';

beforeAll(async () => (origin = await listenAsPage(server)));
afterAll(() => closePage(server));
const errors: string[] = [];

function host(
  onChange: (f: SegmentFetch) => void,
  abr: { bps?: number; supported?: RegExp; maxHeight?: number } = {},
): SegmentFetchHost {
  const bps = abr.bps ?? 2e6;
  // A fixed estimate (as if measured): the choice is the same at every fragment.
  return testFetchHost(
    {
      estimateBps: () => bps,
      maxHeight: abr.maxHeight,
      isSupported: (type: string) => (abr.supported ?? /avc1/).test(type),
    },
    { growingPollMs: 500, measure: () => {}, onChange, onError: (_f, e) => void errors.push(e.message) },
  );
}

/** Fetch `path` to the end (or failure) and return which rendition folder its fragments came from. */
async function renditionFetched(
  path: string,
  abr: Parameters<typeof host>[1],
): Promise<{ folder: string | undefined; fetch: SegmentFetch }> {
  paths.length = 0;
  const fetch = await new Promise<SegmentFetch>((resolve) => {
    const f: SegmentFetch = new SegmentFetch(
      { segmentId: 'm', url: `${origin}${path}`, durationSeconds: FRAGMENTS },
      30,
      host((x) => x.finished && resolve(x), abr),
    );
    void f;
  });
  const folders = new Set(paths.filter((p) => p.endsWith('.m4s')).map((p) => p.split('/').at(-2)));
  expect(folders.size).toBeLessThanOrEqual(1);
  return { folder: [...folders][0], fetch };
}

describe('SegmentFetch', () => {
  it('asks for the init section with the first fragment, pipelines the rest and lists each fragment as it arrives', async () => {
    log.length = 0;
    const listed: Array<{ verified: number; answered: number }> = [];
    const answered = () => log.filter((l) => l.startsWith('<seg_')).length;
    const fetch = await new Promise<SegmentFetch>((resolve) => {
      const f: SegmentFetch = new SegmentFetch(
        { segmentId: 's', url: `${origin}/s/index.m3u8`, durationSeconds: FRAGMENTS },
        30,
        host((x) => {
          listed.push({ verified: x.verified.length, answered: answered() });
          if (x.finished) resolve(x);
        }),
      );
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
      f = new SegmentFetch(
        { segmentId: 'p', url: `${origin}/p/index.m3u8`, durationSeconds: FRAGMENTS },
        2,
        host((x) => x.verified.length === 2 && resolve()),
      );
    });
    if (!f) throw new Error('no fetch');
    // Time for a request past the limit to show up, if one were made.
    await new Promise((r) => setTimeout(r, ANSWER_DELAY_MS * 3));
    expect(f.verified).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('>seg_'))).toEqual(['>seg_0.m4s', '>seg_1.m4s']);
    f.abort();
  });

  it('picks a master playlist rendition by codec support, throughput and picture size', async () => {
    // AV1 not playable here (as if): the best H.264 that fits 2 Mbps with headroom is 360p.
    expect((await renditionFetched('/m/master.m3u8', { bps: 2e6 })).folder).toBe('360');
    // Plenty of throughput, H.264 only: 720p.
    expect((await renditionFetched('/m/master.m3u8', { bps: 20e6 })).folder).toBe('720');
    // AV1 playable and affordable, but a 400-pixel-high picture needs no more than 720p.
    expect(
      (await renditionFetched('/m/master.m3u8', { bps: 20e6, supported: /avc1|av01/, maxHeight: 400 })).folder,
    ).toBe('720');
    expect((await renditionFetched('/m/master.m3u8', { bps: 20e6, supported: /avc1|av01/ })).folder).toBe('av1');
    // Nothing fits 100 kbps: the lightest playable one rather than nothing.
    expect((await renditionFetched('/m/master.m3u8', { bps: 1e5 })).folder).toBe('360');
    expect(errors).toEqual([]);
  });

  it('fails the segment with media-incompatible when no rendition is playable', async () => {
    const { fetch, folder } = await renditionFetched('/m/master.m3u8', { supported: /vp09/ });
    expect(folder).toBeUndefined();
    expect(fetch.failed).toBe(true);
    expect(errors.pop()).toMatch(/no rendition this browser can play \(CODECS: av01.*avc1/);
  });

  it('switches rendition at a fragment boundary of an aligned ladder, and never to one whose fragments do not line up', async () => {
    // First pick before any measurement (the lightest), then a fast link from the second fragment on.
    const folders = async (path: string) => {
      paths.length = 0;
      const fetched = await new Promise<SegmentFetch>((resolve) => {
        const f: SegmentFetch = new SegmentFetch(
          { segmentId: 'l', url: `${origin}${path}`, durationSeconds: 4 },
          30,
          testFetchHost(
            { estimateBps: (current) => (current ? 20e6 : null), bufferAheadSeconds: 10 },
            {
              growingPollMs: 500,
              measure: () => {},
              onChange: (x) => x.finished && resolve(x),
              onError: (_f, e) => void errors.push(e.message),
            },
          ),
        );
        void f;
      });
      return verifiedFragments(fetched);
    };
    expect(await folders('/l/aligned.m3u8')).toEqual([
      '360/seg_0.m4s@360',
      '720/seg_1.m4s@720',
      '720/seg_2.m4s@720',
      '720/seg_3.m4s@720',
    ]);
    expect(await folders('/l/odd.m3u8')).toEqual([
      '360/seg_0.m4s@360',
      '360/seg_1.m4s@360',
      '360/seg_2.m4s@360',
      '360/seg_3.m4s@360',
    ]);
    // It was read (and refused for its 2 s fragments), not merely unreachable.
    expect(paths).toContain('/l/odd/index.m3u8');
    expect(errors).toEqual([]);
  });

  it("credits a separate audio rendition's bytes (its assembler's downloads) to the fragment listed with them", async () => {
    const base = host(() => {});
    const fetch = await new Promise<SegmentFetch>((resolve) => {
      const f: SegmentFetch = new SegmentFetch(
        { segmentId: 'a', url: `${origin}/a/index.m3u8`, durationSeconds: 4 },
        30,
        {
          ...base,
          onChange: (x) => x.finished && resolve(x),
          // As AlternateAudio does: the audio init section, then one audio fragment per video fragment
          // (the server answers 1000 bytes each), muxed in before the video fragment is listed.
          assembler: async (_f, io) => ({
            forFragment: (start) => ({
              init: async (bytes) => (await io.bytes(`${origin}/a/audio/init.mp4`, 'init'), bytes),
              fragment: async (bytes) => (await io.bytes(`${origin}/a/audio/seg_${start}.m4s`, 'fragment'), bytes),
            }),
            refetch: async (bytes) => bytes,
          }),
        },
      );
      void f;
    });
    // The init section is not media rate: 1000 bytes of audio per fragment, not 2000 for the first.
    expect(fetch.verified.map((v) => v.audioBytes)).toEqual([1000, 1000, 1000, 1000]);
  });
});

// SegmentFetch on a ladder whose playlists are still growing (a generated segment being
// rendered), against a real HTTP server whose playlists list as many fragments as the test
// lets them: when a rendition takes over, which playlists are read, and which never are.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentFetch } from '../../../src/player/playback/SegmentFetch.js';
import { closePage, listenAsPage } from '../../support/pageOrigin.js';
import { testFetchHost, verifiedFragments } from '../../support/testFetchHost.js';

const FRAGMENTS = 4;
const master = [
  '#EXTM3U',
  '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"',
  '360/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
  '720/index.m3u8',
  '',
].join('\n');

/** How many fragments each rendition's playlist lists now (ENDLIST once all FRAGMENTS are); set by the tests. */
const listed: Record<string, number> = { '360': 1, '720': 1 };
/** 720p's fragment length: 2 s makes it a rendition that does not line up with 360p's 1 s. */
let seconds720 = 1;

function mediaPlaylist(rendition: string): string {
  const count = Math.min(listed[rendition]!, FRAGMENTS);
  const duration = rendition === '720' ? seconds720 : 1;
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${duration}`,
    '#EXT-X-MAP:URI="init.mp4"',
    ...Array.from({ length: count }, (_, i) => [`#EXTINF:${duration.toFixed(6)},`, `seg_${i}.m4s`]).flat(),
    ...(count === FRAGMENTS ? ['#EXT-X-ENDLIST'] : []),
    '',
  ].join('\n');
}

/** Every request path, in order. */
const paths: string[] = [];
const server = createServer((req, res) => {
  paths.push(req.url!);
  const [rendition, name] = req.url!.split('/').slice(-2) as [string, string];
  res.end(name === 'master.m3u8' ? master : name === 'index.m3u8' ? mediaPlaylist(rendition) : Buffer.alloc(1000));
});
let origin = '';
beforeAll(async () => (origin = await listenAsPage(server)));
afterAll(() => closePage(server));

/**
 * Fetch the growing ladder to its end. `grow(verified)` runs each time a fragment is listed
 * and says how far each playlist lists then (the render goes on as the player takes it).
 * Unmeasured, the choice is 360p (the lightest); once a download was timed, a fast link wants 720p.
 */
async function play(grow: (verified: number) => void): Promise<string[]> {
  paths.length = 0;
  const errors: string[] = [];
  let measured = false;
  const fetched = await new Promise<SegmentFetch>((resolve) => {
    const f: SegmentFetch = new SegmentFetch(
      { segmentId: 'g', url: `${origin}/g/master.m3u8`, durationSeconds: 4 },
      30,
      testFetchHost(
        { estimateBps: () => (measured ? 20e6 : null), bufferAheadSeconds: 10 },
        {
          growingPollMs: 20,
          measure: () => void (measured = true),
          onChange: (x) => {
            if (x.finished) resolve(x);
            else grow(x.verified.length);
          },
          onError: (_f, e) => void errors.push(e.message),
        },
      ),
    );
    void f;
  });
  expect(errors).toEqual([]);
  return verifiedFragments(fetched);
}

/** The playlist reads after the master: `360` or `720` each. */
const playlistReads = () => paths.filter((p) => p.endsWith('/index.m3u8')).map((p) => p.split('/').at(-2));

describe('SegmentFetch on a growing ladder', () => {
  it('switches at the fragment the wanted rendition lists, then polls only that rendition', async () => {
    seconds720 = 1;
    listed['360'] = listed['720'] = 1;
    const shown = await play((verified) => (listed['360'] = listed['720'] = verified + 1));
    expect(shown).toEqual(['360/seg_0.m4s@360', '720/seg_1.m4s@720', '720/seg_2.m4s@720', '720/seg_3.m4s@720']);
    // 360p's playlist is polled until fragment 1 shows; then 720p's is read once for the switch
    // and from then on polled in its place: never both for the same fragment.
    const reads = playlistReads();
    const first720 = reads.indexOf('720');
    expect(
      reads.slice(0, first720).every((r) => r === '360'),
      reads.join(' '),
    ).toBe(true);
    expect(
      reads.slice(first720).every((r) => r === '720'),
      reads.join(' '),
    ).toBe(true);
  });

  it('stays on its rendition for a fragment the wanted one does not list yet, and takes over at the next', async () => {
    seconds720 = 1;
    listed['360'] = listed['720'] = 1;
    // 720p lags one fragment behind 360p until 360p's fragment 1 is in.
    const shown = await play((verified) => {
      listed['360'] = verified + 1;
      listed['720'] = verified < 2 ? verified : verified + 1;
    });
    expect(shown).toEqual(['360/seg_0.m4s@360', '360/seg_1.m4s@360', '720/seg_2.m4s@720', '720/seg_3.m4s@720']);
    // One read of 720p's playlist per fragment it was wanted for: at fragment 1 (not listed
    // yet) and at fragment 2 (listed: the switch).
    const reads = playlistReads();
    const switchedAt = reads.lastIndexOf('360');
    expect(
      reads.slice(0, switchedAt).filter((r) => r === '720'),
      reads.join(' '),
    ).toHaveLength(1);
  });

  it('refuses a growing rendition whose fragments do not line up, reading it once', async () => {
    seconds720 = 2;
    listed['360'] = listed['720'] = 1;
    const shown = await play((verified) => (listed['360'] = listed['720'] = verified + 1));
    expect(shown).toEqual(['360/seg_0.m4s@360', '360/seg_1.m4s@360', '360/seg_2.m4s@360', '360/seg_3.m4s@360']);
    expect(playlistReads().filter((r) => r === '720')).toHaveLength(1);
  });

  it('tells the choice which fragments the listing held back (listed only after the fetch waited for growth)', async () => {
    seconds720 = 1;
    listed['360'] = listed['720'] = 2;
    /** For each choice of a fragment's rendition: its index, and whether it was listing-limited. */
    const choices: string[] = [];
    const host = testFetchHost(
      { estimateBps: () => null },
      {
        growingPollMs: 20,
        measure: () => {},
        onError: () => {},
        onChange: (x) => {
          if (x.finished) done();
          // Fragments 0 and 1 were listed from the start; 2 and 3 appear 100 ms after 1 is in.
          else if (x.verified.length === 2) setTimeout(() => (listed['360'] = listed['720'] = 4), 100);
        },
      },
    );
    const choose = host.chooseVariant;
    host.chooseVariant = (variants, current, seconds, listingLimited) => {
      if (current) choices.push(`${fetch.verified.length}:${listingLimited}`);
      return choose(variants, current, seconds, listingLimited);
    };
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const fetch = new SegmentFetch({ segmentId: 'g', url: `${origin}/g/master.m3u8`, durationSeconds: 4 }, 30, host);
    await finished;
    expect(verifiedFragments(fetch)).toHaveLength(4);
    expect(choices).toEqual(['0:false', '1:false', '2:true', '3:true']);
  });
});

// EME passthrough (issue 11): the embedder's DRM configuration goes to hls.js, whose full
// build (EME controller) is loaded as a separate chunk only when DRM is configured.
import { afterEach, describe, expect, it } from 'vitest';
import { clip, createTestVideo, nextEvent } from '../../support/playbackHarness.js';
import { cleanUp, expectSeamless, playChain, useEngine } from '../../support/seamlessChain.js';
import type { PlaybackEvents } from '../../../src/player/playback/PlaybackEngine.js';
import type { HlsConfig } from 'hls.js';

afterEach(cleanUp);

/** Script URLs the page fetched that are hls.js's full build (Vite serves it as its own module; one fetch per page). */
const fullBuildLoads = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => /\/hls__js\.js(\?|$)/.test(name));

async function playIntro(hlsConfig: Partial<HlsConfig>) {
  const video = createTestVideo();
  const engine = useEngine(video, { hlsConfig });
  const errors: Array<PlaybackEvents['error']> = [];
  engine.on('error', (e) => errors.push(e));
  await engine.load(clip('intro'));
  await engine.play();
  engine.end();
  await nextEvent(engine, 'ended', () => true, 30_000);
  return { video, errors };
}

describe('EME configuration is passed to hls.js, the full build loaded only for it', () => {
  it('without DRM configured the light build plays (no EME: no MediaKeys), and the full build is not fetched', async () => {
    const before = fullBuildLoads().length;
    const { errors, video } = await playIntro({});
    expect(errors).toEqual([]);
    expect(video.mediaKeys).toBeNull();
    expect(fullBuildLoads()).toHaveLength(before);
  });

  it('with drmSystems configured the full build (its own chunk) sets MediaKeys from the start, and clear media plays as before', async () => {
    const { errors, video } = await playIntro({
      drmSystems: { 'org.w3.clearkey': { licenseUrl: '/licence-not-needed-for-clear-media' } },
    });
    expect(errors).toEqual([]);
    expect(video.currentTime).toBeGreaterThan(3.9);
    expect(video.mediaKeys).not.toBeNull(); // only the full build has the EME controller
    expect(fullBuildLoads()).toHaveLength(1); // fetched once per page, whichever test asked first
  });
});

describe('ClearKey (the key system chromium has without a licence server)', () => {
  it('cenc media spliced between clear segments plays through EME: clear → encrypted → clear, every seam within a frame', async () => {
    const licences: string[] = [];
    const hlsConfig: Partial<HlsConfig> = {
      drmSystems: { 'org.w3.clearkey': { licenseUrl: '/test/media/clearkey/licence.json' } },
      // The test server serves files, so the licence is a GET of the JSON Web Key set.
      licenseXhrSetup: (xhr, url) => {
        licences.push(url);
        xhr.open('GET', url, true);
      },
    };
    const chain = [clip('intro'), clip('clearkey', 3), clip('lantern')];
    const result = await playChain(chain, { hlsConfig });
    expectSeamless(result, chain, 'ClearKey cenc fMP4');
    expect(licences).toEqual([expect.stringMatching(/\/clearkey\/licence\.json$/)]);
  });
});

describe('DRM media without DRM configured', () => {
  it('is refused with what to configure (media-incompatible), never appended to fail decoding; the story plays on', async () => {
    const video = createTestVideo();
    const engine = useEngine(video);
    const errors: Array<PlaybackEvents['error']> = [];
    engine.on('error', (e) => errors.push(e));
    await engine.load(clip('intro'));
    await engine.play();
    engine.queueNext(clip('clearkey', 3));
    engine.end();
    await nextEvent(engine, 'ended', () => true, 30_000);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'media-incompatible', segmentId: 'clearkey', fatal: false }),
    ]);
    expect(errors[0]!.message).toMatch(
      /clearkey\/media\.m3u8: encrypted for DRM \(KEYFORMAT org\.w3\.clearkey\).*drmSystems/,
    );
    expect(video.currentTime).toBeCloseTo(4, 1);
  });
});

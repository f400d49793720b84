// Encrypted HLS (issue 11): AES-128 media made by real tools (ffmpeg's -hls_key_info_file for
// MPEG-TS; openssl enc for fMP4, which Debian's ffmpeg 5.1 cannot encrypt) splices with clear
// segments like clear media, measured from the media element; a wrong or missing key is a
// coded error naming what failed, and the timeline plays on.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaybackEvents, SegmentSource } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, nextEvent } from '../../support/playbackHarness.js';
import { cleanUp, expectSeamless, playChain, useEngine } from '../../support/seamlessChain.js';

afterEach(cleanUp);

/** The `aes-fmp4` clip through one of its media playlists (see scripts/make-test-media.ts). */
function aesFmp4(playlist: string): SegmentSource {
  return { segmentId: 'aes-fmp4', url: `/test/media/aes-fmp4/${playlist}`, durationSeconds: 3 };
}

describe('AES-128 media splices with clear segments', () => {
  it('fMP4 (init section encrypted, key rotation, IV from the sequence number, METHOD=NONE): clear → encrypted → clear within a frame', async () => {
    const chain = [clip('intro'), aesFmp4('index.m3u8'), clip('lantern')];
    expectSeamless(await playChain(chain), chain, 'AES-128 fMP4');
  });

  it("MPEG-TS (ffmpeg's -hls_key_info_file): clear → encrypted → clear like clear TS", async () => {
    const chain = [clip('bframes-ts', 3, 'ts-1'), clip('aes-ts', 3), clip('bframes-ts', 3, 'ts-3')];
    // Same bounds as clear MPEG-TS in wildMedia.browser.test.ts (presented two frames late: the B-frame delay).
    expectSeamless(await playChain(chain), chain, 'AES-128 MPEG-TS', 'contiguous', 2 / 30);
  });
});

describe('a wrong or missing key is a coded error, never a frozen player', () => {
  /** Plays `intro`, then `branch`, to the end; the engine's errors on the way. */
  async function playBranch(branch: SegmentSource) {
    const video = createTestVideo();
    const engine = useEngine(video);
    const errors: Array<PlaybackEvents['error']> = [];
    engine.on('error', (e) => errors.push(e));
    await engine.load(clip('intro'));
    await engine.play();
    engine.queueNext(branch);
    engine.end();
    await nextEvent(engine, 'ended', () => true, 30_000);
    return { video, errors };
  }

  it('a rotated key that is the wrong one: decrypt-failed naming the fragment and the key; the story reaches its end', async () => {
    const { errors } = await playBranch(aesFmp4('wrong-key.m3u8'));
    expect(errors).toEqual([expect.objectContaining({ code: 'decrypt-failed', segmentId: 'aes-fmp4', fatal: false })]);
    expect(errors[0]!.message).toMatch(
      /aes-fmp4\/seg_001\.m4s: .* with the key \S+\/aes-fmp4\/wrong\.bin and IV 0x0{31}1/,
    );
  });

  it('a key that is not there (404): key-load-failed naming the key URL', async () => {
    const { errors } = await playBranch(aesFmp4('missing-key.m3u8'));
    expect(errors).toEqual([expect.objectContaining({ code: 'key-load-failed', segmentId: 'aes-fmp4', fatal: false })]);
    expect(errors[0]!.message).toMatch(/aes-fmp4\/missing\.bin: HTTP 404/);
  });
});

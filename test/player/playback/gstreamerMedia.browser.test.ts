// A second packager (issue 11): MPEG-TS made by GStreamer (hlssink2, x264enc with B-frames,
// avenc_aac; `gst-ts` from scripts/makeGstreamerMedia.ts) spliced between ffmpeg's default
// HLS (`bframes-ts`). Measured from the media element like the wild-media tests: every
// presented frame (rVFC), `waiting`, each SourceBuffer's own buffered ranges.
import { afterEach, describe, it } from 'vitest';
import { clip } from '../../support/playbackHarness.js';
import { cleanUp, expectSeamless, playChain } from '../../support/seamlessChain.js';

afterEach(cleanUp);

/** x264's B-frame reorder delay at 30 fps, in both packagers' encodes: two frames. */
const TS_BFRAME_DELAY = 2 / 30;

describe('GStreamer-packaged MPEG-TS splices with ffmpeg-packaged MPEG-TS', () => {
  it('ffmpeg → GStreamer → ffmpeg: no error, no waiting, no frame lost, seams within a frame', async () => {
    // hlssink2 lists the last fragment as 0.967 s (the picture's 90 frames run 3.0 s): the
    // segment is declared 3 s like the ffmpeg clips, what the story would say.
    const chain = [
      clip('bframes-ts', 3, 'ffmpeg-1'),
      clip('gst-ts', 3, 'gstreamer'),
      clip('bframes-ts', 3, 'ffmpeg-2'),
    ];
    expectSeamless(await playChain(chain), chain, 'GStreamer TS between ffmpeg TS', 'contiguous', TS_BFRAME_DELAY);
  });
});

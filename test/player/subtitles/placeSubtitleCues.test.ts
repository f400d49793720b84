import { describe, expect, it } from 'vitest';
import { placeSubtitleCues } from '../../../src/player/playback/subtitles/placeSubtitleCues.js';

const vtt = (header: string, body: string) => `WEBVTT${header}\n\n${body}\n`;
/** fMP4-like media: first frame at `start`, cue time 0 (without a map) at `cueZero`. */
const at = (start: number, cueZero = 0) => ({ start, cueZero });

describe('placeSubtitleCues', () => {
  it('without X-TIMESTAMP-MAP, cue time 0 is media time 0: cues move back by the media start', async () => {
    const cues = await placeSubtitleCues(vtt('', '00:00:01.267 --> 00:00:01.967\nSecond'), at(0.067));
    expect(cues).toHaveLength(1);
    expect(cues[0]!.from).toBeCloseTo(1.2, 6);
    expect(cues[0]!.to).toBeCloseTo(1.9, 6);
  });

  it('without X-TIMESTAMP-MAP on MPEG-TS, cue time 0 is the first decode time (ffmpeg: its 1.4 s mux delay)', async () => {
    // ffmpeg 5.1 TS: first frame PTS 1.4667 (1.4 s mux delay + 2 B-frames), DTS 1.4; the source's
    // 0.4 s cue is written 00:00.467 (its output timeline, before the TS muxer's delay).
    const cues = await placeSubtitleCues(vtt('', '00:00:00.467 --> 00:00:01.467\nA1'), at(1.466667, 1.4));
    expect(cues[0]!.from).toBeCloseTo(0.4, 3);
    expect(cues[0]!.to).toBeCloseTo(1.4, 3);
  });

  it('X-TIMESTAMP-MAP maps LOCAL to MPEGTS (90 kHz), relative to the first frame', async () => {
    // MPEG-TS media starting at PTS 10 s (ffmpeg-like mux delay), cue LOCAL 0 = PTS 10.5 s.
    const header = '\nX-TIMESTAMP-MAP=MPEGTS:945000,LOCAL:00:00:00.000';
    const cues = await placeSubtitleCues(vtt(header, '00:00:01.000 --> 00:00:02.000\nHi'), at(10, 9.933));
    expect(cues[0]!.from).toBeCloseTo(1.5, 6);
    expect(cues[0]!.to).toBeCloseTo(2.5, 6);
  });

  it('LOCAL offsets and a wrapped 33-bit MPEGTS are honoured', async () => {
    // Media starts just after the wrap (PTS 2^33 + 90000 ticks, read as 1 s); the map was written as 2^33 + 180000 -> 180000.
    const header = '\nX-TIMESTAMP-MAP=LOCAL:00:01:00.000,MPEGTS:180000';
    const cues = await placeSubtitleCues(
      vtt(header, '00:01:00.500 --> 00:01:01.000\nAfter wrap'),
      at(2 ** 33 / 90000 + 1),
    );
    expect(cues[0]!.from).toBeCloseTo(1.5, 6);
  });

  it('markup becomes plain text: VTT tags and HTML-looking text are never markup', async () => {
    const body =
      '00:00:00.000 --> 00:00:01.000\n<v Bob><i>Hi</i> <b>there</b> &amp; <c.red>you</c> <img src=x onerror=alert(1)>';
    const [cue] = await placeSubtitleCues(vtt('', body), at(0));
    expect(cue!.text).toBe('Hi there & you');
  });

  it('a file that is not WebVTT is refused with its URL', async () => {
    await expect(placeSubtitleCues('<html>', at(0), 'https://x/subs/0.vtt')).rejects.toThrow(
      'https://x/subs/0.vtt: not a WebVTT file',
    );
  });

  it('a malformed X-TIMESTAMP-MAP is refused with what it got', async () => {
    await expect(placeSubtitleCues(vtt('\nX-TIMESTAMP-MAP=MPEGTS:abc', ''), at(0), 'u.vtt')).rejects.toThrow(
      'u.vtt: X-TIMESTAMP-MAP needs MPEGTS and LOCAL',
    );
  });
});

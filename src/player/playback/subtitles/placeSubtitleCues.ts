import { parseText } from 'media-captions';
import { cueText } from './cueText.js';
import type { SubtitleCue } from './SubtitleTrack.js';
import type { MediaStart } from './readMediaStart.js';

/** The 90 kHz clock X-TIMESTAMP-MAP's MPEGTS counts in, and its 33-bit wrap. */
const MPEG_HZ = 90_000;
const WRAP = 2 ** 33;

/**
 * Parse one WebVTT fragment of an HLS subtitle playlist and place its cues on the segment's
 * own time (seconds since its first presented frame).
 *
 * `X-TIMESTAMP-MAP=MPEGTS:m,LOCAL:l` says cue time `l` is media timestamp `m` (90 kHz, the
 * media's PTS for MPEG-TS, its tfdt-based timestamps for fMP4). Without it cue time 0 is
 * `media.cueZero`: media time 0 for fMP4 (RFC 8216 §3.5), the first frame's decode time for
 * MPEG-TS (where the RFC's letter puts ffmpeg's cues 1.4 s early: ADR 0013). `media.start` is
 * the media timestamp of the segment's first presented frame, in seconds, so a cue lands on
 * the picture it was timed against. The MPEGTS value is unwrapped (33 bits) to the wrap
 * nearest `media.start`.
 *
 * The header line is read here because media-captions splits `X-TIMESTAMP-MAP` at its first
 * colon and loses the values; the cues themselves are parsed by media-captions.
 *
 * @example
 * await placeSubtitleCues('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n00:00:01.000 --> 00:00:02.000\nHi\n', { start: 10, cueZero: 0 });
 * // [{ from: 1, to: 2, text: 'Hi' }]
 */
export async function placeSubtitleCues(text: string, media: MediaStart, url = 'WebVTT'): Promise<SubtitleCue[]> {
  if (!/^\uFEFF?WEBVTT/.test(text)) throw new Error(`${url}: not a WebVTT file (no WEBVTT header)`);
  const offset = timestampOffset(text, media, url) - media.start;
  const { cues } = await parseText(text, { type: 'vtt' });
  return cues
    .map((cue) => ({ from: cue.startTime + offset, to: cue.endTime + offset, text: cueText(cue) }))
    .filter((cue) => cue.text !== '' && cue.to > cue.from);
}

/** Media seconds of cue time 0, from the header's X-TIMESTAMP-MAP (`media.cueZero` without one). */
function timestampOffset(text: string, media: MediaStart, url: string): number {
  const header = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const line = /^X-TIMESTAMP-MAP=(.*)$/m.exec(header)?.[1];
  if (line === undefined) return media.cueZero;
  const mpegts = /MPEGTS:(\d+)/.exec(line)?.[1];
  const local = /LOCAL:((?:\d+:)?\d{2}:\d{2}\.\d{3})/.exec(line)?.[1];
  if (mpegts === undefined || local === undefined)
    throw new Error(`${url}: X-TIMESTAMP-MAP needs MPEGTS and LOCAL (got "${line}")`);
  let ticks = Number(mpegts) % WRAP;
  const start = media.start * MPEG_HZ;
  ticks += Math.round((start - ticks) / WRAP) * WRAP;
  return ticks / MPEG_HZ - vttSeconds(local);
}

/** `hh:mm:ss.ttt` or `mm:ss.ttt` in seconds. */
function vttSeconds(stamp: string): number {
  return stamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

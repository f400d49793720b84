import { median, quantile } from './quantile.js';
import type { WildFrame, WildPageRecord } from './wildMediaPage.js';

/** What the wild-media bench prints for one variant on one network. */
export interface WildRunSummary {
  /** Largest frame-to-frame media-time gap around each seam, ms. */
  seamGapsMs: number[];
  /** Gaps between consecutive presented frames away from the seams: median and max, ms. */
  elsewhereMedianMs: number;
  elsewhereMaxMs: number;
  /** Worst seam gap minus the median gap elsewhere, ms (0: the seam looks like any other frame). */
  seamExcessMs: number;
  /** Frames the media time jumped over, whole run. */
  skipped: number;
  waiting: number;
  /** Media times of those `waiting` events. */
  waitingAt: number[];
  audio: 'muxed' | 'separate' | 'none';
  /** Every audio buffer is one range: no hole at a seam. */
  audioGapless: boolean;
  /** Heights shown over time: [height, media time first seen]. */
  renditions: Array<[number, number]>;
  /** Of the frames inside the ladder segment: the share at its lowest height, and when `top` first showed (media s). */
  ladder?: { lowestShare: number; topAt: number | null };
}

/** Frames either side of a seam whose gaps count as that seam's (covers MPEG-TS's two-frame offset). */
const SEAM_FRAMES = 4;

/**
 * Summarise one page record: seams are at the cumulative `durations`; `ladder` is the ladder
 * segment (media seconds), its lowest height and the top one that fits the box, when there is one.
 *
 * @example
 * summarizeWildRun(record, [3, 8, 3], { from: 3, to: 11, lowest: 240, top: 720 });
 */
export function summarizeWildRun(
  rec: WildPageRecord,
  durations: number[],
  ladder?: { from: number; to: number; lowest: number; top: number },
): WildRunSummary {
  const frames = dedupe(rec.frames);
  const gaps = frames.slice(1).map((f, i) => ({ at: f.mediaTime, ms: (f.mediaTime - frames[i]!.mediaTime) * 1000 }));
  const frameMs = median(gaps.map((g) => g.ms));
  const seams = durations.slice(0, -1).map((_, i) => durations.slice(0, i + 1).reduce((a, b) => a + b, 0));
  const near = (at: number, seam: number) => Math.abs(at - seam) <= (SEAM_FRAMES * frameMs) / 1000;
  const seamGapsMs = seams.map((s) => Math.max(0, ...gaps.filter((g) => near(g.at, s)).map((g) => g.ms)));
  const elsewhere = gaps.filter((g) => !seams.some((s) => near(g.at, s))).map((g) => g.ms);
  const elsewhereMedianMs = median(elsewhere);
  const audioBuffers = rec.buffers.filter((b) => b.type.startsWith('audio/'));
  const muxed = rec.buffers.some((b) => b.type.startsWith('video/') && /mp4a|opus|flac/.test(b.type));
  const renditions: Array<[number, number]> = [];
  for (const f of frames) if (renditions.at(-1)?.[0] !== f.height) renditions.push([f.height, f.mediaTime]);
  return {
    seamGapsMs,
    elsewhereMedianMs,
    elsewhereMaxMs: quantile(elsewhere, 1),
    seamExcessMs: Math.max(0, ...seamGapsMs) - elsewhereMedianMs,
    skipped: gaps.reduce((n, g) => n + Math.max(0, Math.round(g.ms / frameMs) - 1), 0),
    waiting: rec.waiting.length,
    waitingAt: rec.waiting,
    audio: audioBuffers.length > 0 ? 'separate' : muxed ? 'muxed' : 'none',
    audioGapless: [...audioBuffers, ...(muxed ? rec.buffers : [])].every((b) => b.ranges.length === 1),
    renditions,
    ladder: ladder ? ladderShare(frames, ladder) : undefined,
  };
}

function ladderShare(frames: WildFrame[], l: { from: number; to: number; lowest: number; top: number }) {
  const inside = frames.filter((f) => f.mediaTime >= l.from && f.mediaTime < l.to);
  return {
    lowestShare: inside.filter((f) => f.height === l.lowest).length / Math.max(1, inside.length),
    topAt: inside.find((f) => f.height === l.top)?.mediaTime ?? null,
  };
}

/** rVFC can report one frame twice across a compositor hiccup: keep increasing media times. */
function dedupe(frames: WildFrame[]): WildFrame[] {
  return frames.filter((f, i) => i === 0 || f.mediaTime > frames[i - 1]!.mediaTime);
}

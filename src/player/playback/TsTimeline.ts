import { readTsTimes, shiftTsTimestamps, TS_CLOCK } from './TsTimestamps.js';

/** What TsTimeline needs to know of a timeline entry (see VirtualTimeline). */
export interface TsEntry {
  /** Seconds on the shared timeline where the segment starts. */
  start: number;
  fetch: { id: number; verified: Array<{ url: string; duration: number }> };
}

/**
 * Makes the MPEG-TS segments of one timeline one continuous MPEG-TS stream (ADR 0010): each
 * segment's PES timestamps and PCRs are moved so its first picture is presented exactly where
 * the timeline starts it, and the virtual playlist lists them without EXT-X-DISCONTINUITY.
 * hls.js then transmuxes the story like fragments of one clip, whose seams it already joins
 * frame-exact (audio overlapping a seam is trimmed, a gap filled), instead of re-anchoring
 * each discontinuity at the previous fragment's audio end, which put every TS segment a few
 * frames late and lost a picture per seam.
 *
 * hls.js anchors the stream's first fragment at its earliest timestamp (the audio, or the
 * first picture's decode time), so the whole timeline is presented `offsetSeconds` (the
 * B-frame delay, ~2 frames) later than listed: the session adds it where it maps media time to
 * segments.
 *
 * @example
 * const ts = new TsTimeline();
 * bytes = ts.place(entry, fragmentUrl, bytes); // before handing the bytes to hls.js
 */
export class TsTimeline {
  /** Ticks to add to a timeline second to get the stream's timestamp (set by the first fragment). */
  private origin: number | null = null;
  /** Per segment (fetch id): the timestamp its first picture carries. */
  private readonly bases = new Map<number, number>();
  offsetSeconds = 0;

  /** `bytes` of `url` (a fragment of `entry`), moved to the entry's place on the continuous stream. */
  place(entry: TsEntry, url: string, bytes: ArrayBuffer): ArrayBuffer {
    let base = this.bases.get(entry.fetch.id);
    if (base === undefined) {
      const times = readTsTimes(bytes);
      const first = times.videoPts ?? times.audioPts;
      if (first === null) return bytes; // no timestamps to read: leave it to hls.js
      // Fragments are fetched in order, but a restart may begin mid-segment.
      const index = entry.fetch.verified.findIndex((f) => f.url === url);
      const before = entry.fetch.verified.slice(0, Math.max(0, index)).reduce((s, f) => s + f.duration, 0);
      base = first - Math.round(before * TS_CLOCK);
      this.bases.set(entry.fetch.id, base);
      if (this.origin === null) {
        this.origin = base - Math.round(entry.start * TS_CLOCK);
        const anchor = Math.min(times.audioPts ?? Infinity, times.videoDts ?? Infinity);
        if (times.videoPts !== null && Number.isFinite(anchor))
          this.offsetSeconds = Math.max(0, times.videoPts - anchor) / TS_CLOCK;
      }
    }
    const delta = this.origin! + Math.round(entry.start * TS_CLOCK) - base;
    shiftTsTimestamps(bytes, delta);
    return bytes;
  }
}

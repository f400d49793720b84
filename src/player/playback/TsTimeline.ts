import { readTsTimes, shiftTsTimestamps, TS_CLOCK } from './TsTimestamps.js';

/** What TsTimeline needs to know of a timeline entry (see VirtualTimeline). */
export interface TsEntry {
  /** Seconds on the shared timeline where the segment starts. */
  start: number;
  /** Its listed fragments; `mediaUrl` is the rendition each came from (a ladder switches inside a segment). */
  fetch: { id: number; verified: Array<{ url: string; duration: number; mediaUrl?: string }> };
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
 * A segment of an MPEG-TS ladder may switch rendition at a fragment boundary (ADR 0015). Each
 * rendition is its own encode and may have its own timestamp origin (another start, another
 * B-frame delay), so the base is taken per rendition, from the first of its fragments handed
 * over: fragment i of any rendition lands where fragment i of the segment is listed.
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
  /** Per segment (fetch id) and rendition (media playlist): the timestamp the segment's first picture would carry. */
  private readonly bases = new Map<string, number>();
  offsetSeconds = 0;

  /** `bytes` of `url` (a fragment of `entry`), moved to the entry's place on the continuous stream. */
  place(entry: TsEntry, url: string, bytes: ArrayBuffer): ArrayBuffer {
    // Fragments are fetched in order, but a restart may begin mid-segment and a ladder may
    // switch rendition at any fragment: the first fragment of each rendition sets its base.
    const index = entry.fetch.verified.findIndex((f) => f.url === url);
    const key = `${entry.fetch.id} ${entry.fetch.verified[index]?.mediaUrl ?? ''}`;
    let base = this.bases.get(key);
    if (base === undefined) {
      const times = readTsTimes(bytes);
      const first = times.videoPts ?? times.audioPts;
      if (first === null) return bytes; // no timestamps to read: leave it to hls.js
      const before = entry.fetch.verified.slice(0, Math.max(0, index)).reduce((s, f) => s + f.duration, 0);
      base = first - Math.round(before * TS_CLOCK);
      this.bases.set(key, base);
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

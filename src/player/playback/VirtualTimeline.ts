import type { SegmentFetch } from './SegmentFetch.js';

/** A segment placed on the timeline, with where it starts in media time. */
export interface TimelineEntry {
  fetch: SegmentFetch;
  /** Seconds on the shared media timeline; set when the entry becomes visible. */
  start: number;
  /** Sum of its visible fragments' durations. */
  duration: number;
  /** performance.now() when it was queued, and when its first fragment was in the buffer. */
  queuedAt: number;
  bufferedAt: number | null;
}

/**
 * The one timeline hls.js plays: an EVENT media playlist made of each queued segment's
 * verified fragments, each segment behind EXT-X-DISCONTINUITY and its own EXT-X-MAP.
 * It only ever grows (hls.js merges reloads by media sequence number). A segment still
 * downloading or growing blocks the ones after it; ENDLIST only after `end()`.
 *
 * @example
 * const t = new VirtualTimeline();
 * t.append(introFetch);
 * hls.loadSource(...) // the playlist loader answers with t.render()
 */
export class VirtualTimeline {
  readonly entries: TimelineEntry[] = [];
  private ended = false;

  append(fetch: SegmentFetch): TimelineEntry {
    const entry = { fetch, start: Number.NaN, duration: 0, queuedAt: performance.now(), bufferedAt: null };
    this.entries.push(entry);
    return entry;
  }

  end(): void {
    this.ended = true;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Entries hls.js can see, with start times filled in. */
  visible(): TimelineEntry[] {
    const shown: TimelineEntry[] = [];
    let time = 0;
    for (const entry of this.entries) {
      if (entry.fetch.verified.length > 0) {
        entry.start = time;
        entry.duration = entry.fetch.verifiedSeconds();
        time += entry.duration;
        shown.push(entry);
      }
      if (!entry.fetch.finished) break;
    }
    return shown;
  }

  /** True when nothing more will ever be added. */
  complete(): boolean {
    return this.ended && this.entries.every((e) => e.fetch.finished);
  }

  /** The playlist text for hls.js. Fragment URLs carry `#o=<fetch id>` so the loader finds their bytes. */
  render(): string {
    const shown = this.visible();
    const all = shown.flatMap((e) => e.fetch.verified);
    const target = Math.max(1, Math.ceil(Math.max(0, ...all.map((f) => f.duration))));
    const lines = ['#EXTM3U', '#EXT-X-VERSION:9', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:EVENT', '#EXT-X-INDEPENDENT-SEGMENTS'];
    // Blocking reload: after each update hls.js asks again at once (with _HLS_msn) instead of
    // waiting a target duration, and the playlist loader answers when the timeline changes.
    if (!this.complete()) lines.push('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES');
    shown.forEach((entry, i) => {
      const tag = `#o=${entry.fetch.id}`;
      if (i > 0) lines.push('#EXT-X-DISCONTINUITY');
      lines.push(`#EXT-X-MAP:URI="${entry.fetch.playlist?.initUrl}${tag}"`);
      for (const f of entry.fetch.verified) lines.push(`#EXTINF:${f.duration.toFixed(6)},`, `${f.url}${tag}`);
    });
    if (this.complete() && shown.length > 0) lines.push('#EXT-X-ENDLIST');
    return `${lines.join('\n')}\n`;
  }
}

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
 * The one timeline hls.js plays: a live media playlist made of each queued segment's
 * verified fragments, each segment behind EXT-X-DISCONTINUITY and its own EXT-X-MAP (another
 * EXT-X-MAP where its rendition changes at a fragment boundary).
 * It grows at the end and is trimmed at the front (`trimBefore`) like a live sliding
 * window, so a long session does not keep an ever longer playlist that hls.js re-parses on
 * every reload; MEDIA-SEQUENCE and DISCONTINUITY-SEQUENCE count what was trimmed, which is
 * how hls.js lines reloads up. A segment still downloading or growing blocks the ones after
 * it; ENDLIST only after `end()`.
 *
 * @example
 * const t = new VirtualTimeline();
 * t.append(introFetch);
 * hls.loadSource(...) // the playlist loader answers with t.render()
 */
export class VirtualTimeline {
  readonly entries: TimelineEntry[] = [];
  /**
   * Seconds every picture is presented later than listed: an MPEG-TS timeline's B-frame delay
   * (hls.js anchors it at its first decode time; TsTimeline measures it), 0 for fMP4. Whoever
   * maps a presented frame's media time to a fragment subtracts it.
   */
  presentationOffset = 0;
  private ended = false;
  /** What `trimBefore` removed from the front: the sequence numbers and start times count from it. */
  private readonly trimmed = { fragments: 0, discontinuities: 0, seconds: 0 };

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
    let time = this.trimmed.seconds;
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

  /**
   * Drop finished segments that end before `time` (media seconds), always keeping the last
   * visible one. Returns how many visible entries went, so indexes into `visible()` can be
   * shifted. Their fragments must already be out of hls.js's back buffer: call it with the
   * back-buffer horizon.
   */
  trimBefore(time: number): number {
    const shownBefore = this.visible().length;
    let removed = 0;
    while (this.entries.length > 1) {
      const entry = this.entries[0]!;
      const hasMedia = entry.fetch.verified.length > 0;
      if (!entry.fetch.finished) break;
      if (hasMedia && (entry.start + entry.duration > time || shownBefore - removed <= 1)) break;
      this.entries.shift();
      if (!hasMedia) continue; // never listed: nothing to count
      removed++;
      this.trimmed.fragments += entry.fetch.verified.length;
      this.trimmed.seconds += entry.duration;
      // The DISCONTINUITY before the new first segment is gone with it (MPEG-TS has none).
      if (!isMpegTs(entry)) this.trimmed.discontinuities++;
    }
    return removed;
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
    const { fragments, discontinuities } = this.trimmed;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:9',
      `#EXT-X-TARGETDURATION:${target}`,
      `#EXT-X-MEDIA-SEQUENCE:${fragments}`,
    ];
    if (discontinuities > 0) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuities}`);
    lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
    // Blocking reload: after each update hls.js asks again at once (with _HLS_msn) instead of
    // waiting a target duration, and the playlist loader answers when the timeline changes.
    if (!this.complete()) lines.push('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES');
    let keyed = false;
    shown.forEach((entry, i) => {
      const tag = `#o=${entry.fetch.id}`;
      // MPEG-TS segments are one continuous stream (TsTimeline moves their timestamps): a
      // discontinuity would make hls.js re-anchor each at the previous audio's end (ADR 0010).
      if (i > 0 && !isMpegTs(entry)) lines.push('#EXT-X-DISCONTINUITY');
      // EME key tags for hls.js's EME controller (full build); hls.js carries keys across a
      // discontinuity, so a clear segment after an encrypted one says METHOD=NONE.
      const keys = entry.fetch.playlist?.drmKeys ?? [];
      if (keys.length > 0 || keyed) lines.push(...(keys.length > 0 ? keys : ['#EXT-X-KEY:METHOD=NONE']));
      keyed = keys.length > 0;
      let init = '';
      for (const f of entry.fetch.verified) {
        // A rendition change inside a segment (ABR, at a fragment boundary) is a new EXT-X-MAP
        // and nothing more: the ladder's fragments share one timeline (tfdt), so hls.js needs
        // no discontinuity to place them (ADR 0011). None for MPEG-TS.
        if (f.initUrl && f.initUrl !== init) lines.push(`#EXT-X-MAP:URI="${f.initUrl}${tag}"`);
        init = f.initUrl;
        lines.push(`#EXTINF:${f.duration.toFixed(6)},`, `${f.url}${tag}`);
      }
    });
    if (this.complete() && shown.length > 0) lines.push('#EXT-X-ENDLIST');
    return `${lines.join('\n')}\n`;
  }
}

/** A segment packaged as MPEG-TS (no init section); a timeline never mixes it with fMP4. */
function isMpegTs(entry: TimelineEntry): boolean {
  return entry.fetch.playlist !== null && !entry.fetch.playlist.initUrl;
}

import type { VirtualTimeline } from './VirtualTimeline.js';
import type { ListedFragment } from './SegmentFetchHost.js';

/** A rendition that started showing: which segment, its size and BANDWIDTH, and from what media time. */
export interface RenditionShown {
  segmentId: string;
  height: number;
  bandwidth: number;
  mediaTime: number;
}

/** How many changes the log keeps (the most recent ones), so a long session holds a fixed amount. */
const RECENT = 100;

/**
 * Which rendition is on screen, told frame by frame (media time of each presented frame): the
 * fragment of the virtual timeline that holds that time, and its rendition. Reports a change
 * of rendition (height or BANDWIDTH) once, when its first frame is presented; fragments not
 * from a master playlist (no BANDWIDTH) are not renditions of a ladder and are passed over.
 *
 * @example
 * const log = new RenditionLog();
 * const change = log.presented(session.timeline, frame.mediaTime); // RenditionShown | null
 */
export class RenditionLog {
  private last: { height: number; bandwidth: number } | null = null;
  readonly shown: RenditionShown[] = [];

  presented(timeline: VirtualTimeline, mediaTime: number): RenditionShown | null {
    // An MPEG-TS timeline is presented its B-frame delay later than listed (ADR 0010, 0015).
    const found = fragmentAt(timeline, mediaTime - timeline.presentationOffset);
    if (!found || found.fragment.bandwidth === 0) return null;
    const { height, bandwidth } = found.fragment;
    if (this.last && this.last.height === height && this.last.bandwidth === bandwidth) return null;
    this.last = { height, bandwidth };
    const change = { segmentId: found.segmentId, height, bandwidth, mediaTime };
    this.shown.push(change);
    if (this.shown.length > RECENT) this.shown.splice(0, this.shown.length - RECENT);
    return change;
  }

  /** A new timeline: the next frame's rendition is reported even if it is the same. */
  reset(): void {
    this.last = null;
  }
}

/** Half a frame at 30 fps: a frame this close to a fragment's start belongs to that fragment. */
const SLACK_S = 0.017;

function fragmentAt(timeline: VirtualTimeline, time: number): { segmentId: string; fragment: ListedFragment } | null {
  for (const entry of timeline.visible()) {
    if (time + SLACK_S < entry.start || time + SLACK_S >= entry.start + entry.duration) continue;
    let start = entry.start;
    for (const fragment of entry.fetch.verified) {
      if (time + SLACK_S < start + fragment.duration) return { segmentId: entry.fetch.source.segmentId, fragment };
      start += fragment.duration;
    }
  }
  return null;
}

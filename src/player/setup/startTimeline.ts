import { tell } from '../lifecycle/lifecycleState.js';
import { needsRender } from './holdForGenerated.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Start a new engine timeline on `segmentId`, `offset` seconds in (the story's start, back,
 * restore, a path after a failure): tells the lifecycle whether the segment loads now,
 * must render first (a generated segment not playable yet: the "generating…" hold shows
 * until it is, so the viewer never sees a black, silent player), or is skipped (its media
 * already failed). The lifecycle does the rest (playerLifecycle's `timeline` region).
 *
 * @example
 * startTimeline(host, 'intro', 0);
 */
export function startTimeline(host: PlayerHost, segmentId: string, offset: number): void {
  const start = needsRender(host, segmentId) ? 'render' : host.records.failed.has(segmentId) ? 'skip' : 'load';
  tell(host.lifecycle, { type: 'START', segmentId, offset, start });
}

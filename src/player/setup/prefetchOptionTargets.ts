import type { Position } from '../../core/rules/Position.js';
import { visibleOptions } from '../../core/rules/visibleOptions.js';
import { defaultOption } from '../../core/rules/defaultOption.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Ask the engine for the first seconds of every branch the viewer can take at `position`'s
 * choice: the visible options' targets, or the fallback default when none is visible.
 *
 * Called at segment start, not at choice start: state only changes when an option is taken,
 * so the options that will be offered are already known, and the prefetch gets the whole
 * segment instead of the choice window to arrive (measured in bench/playback.bench.ts: late
 * choices under 8 Mbps stopped stalling). Called again at choice start, which is then a
 * no-op for what is already fetching. A generated branch whose head is not rendered yet has
 * no playlist (404), so it is left to queueSegment, which waits for it.
 *
 * @example
 * prefetchOptionTargets(host, { segmentId: 'hall', vars, visits });
 */
export function prefetchOptionTargets(host: PlayerHost, position: Position): void {
  const { story, records, engine } = host;
  if (!story.segments[position.segmentId]?.choice) return;
  const visible = visibleOptions(story, position);
  const options = visible.length > 0 ? visible : [defaultOption(story, position)];
  const targets = new Set(options.map((o) => o.next).filter((t) => !records.failed.has(t)));
  const ready = [...targets].filter((t) => !story.segments[t]?.generate || host.generation?.status(t).ready === true);
  engine.prefetch(ready.map((t) => host.source(t)));
}

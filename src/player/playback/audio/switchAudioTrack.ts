import type { SegmentSource } from '../PlaybackEngine.js';
import type { SegmentFetch } from '../SegmentFetch.js';
import type { TimelineSession } from '../TimelineSession.js';
import type { AudioSelection } from './AudioSelection.js';
import type { AudioTrackInfo } from './AudioTrackInfo.js';

/** What a switch needs from the engine. */
export interface AudioSwitchHost {
  video: HTMLVideoElement;
  audio: AudioSelection;
  session(): TimelineSession | null;
  /**
   * A new timeline `offsetSeconds` into `source` (no startup-time reset: this is not a load),
   * whose segment clock carries on from `clockSeconds`.
   */
  openSession(source: SegmentSource, offsetSeconds: number, clockSeconds: number): { session: TimelineSession };
  /** The fetch for a source queued again (a prefetch when one is usable). */
  takeFetch(source: SegmentSource): SegmentFetch;
  /** Prefetches that chose their audio already (they are dropped: they chose the old one). */
  prefetches: Map<string, SegmentFetch>;
  /** The engine's segmentTime() now, before the switch. */
  segmentTime(): number;
}

/**
 * Switch the segment on screen to audio rendition `id`: the choice is kept (by name and
 * language) for every later segment, and the timeline restarts at the current position with
 * the new rendition muxed in, with the segments queued after it queued again. A short
 * rebuffer, like hls.js's own audio switch; the picture resumes where it was. Resolves with
 * the track switched to, or null when `id` is not a track of this segment or already playing.
 *
 * @example
 * const done = await switchAudioTrack(host, 1); // 'Français'
 */
export async function switchAudioTrack(host: AudioSwitchHost, id: number): Promise<AudioTrackInfo | null> {
  const session = host.session();
  const current = session?.current();
  const { tracks, audioTrack } = host.audio.tracksOf(current?.fetch);
  const track = tracks[id];
  if (!session || !current || !track || id === audioTrack) return null;
  host.audio.preference = { name: track.name, lang: track.lang };
  const seconds = host.segmentTime();
  const position = Math.max(0, host.video.currentTime - current.start);
  const entries = session.timeline.entries;
  const later = entries.slice(entries.indexOf(current) + 1).map((e) => e.fetch.source);
  const ended = session.timeline.isEnded;
  const playing = !host.video.paused;
  for (const [segmentId, fetch] of host.prefetches) {
    if (host.audio.tracksOf(fetch).tracks.length === 0) continue;
    fetch.abort();
    host.prefetches.delete(segmentId);
  }
  const next = host.openSession(current.fetch.source, position, seconds);
  for (const source of later) next.session.queue(host.takeFetch(source));
  if (ended) next.session.end();
  await next.session.ready;
  if (playing) await host.video.play().catch(() => {}); // autoplay rules: the viewer's own play() follows
  return track;
}

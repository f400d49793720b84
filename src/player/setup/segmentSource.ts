import type { Story } from '../../core/story/Story.js';
import type { SegmentSource } from '../playback/PlaybackEngine.js';

/**
 * What the playback engine needs to play `segmentId`: its media URL resolved against the
 * story's URL (or the generated rendition's URL, when the generation client has one).
 *
 * @example
 * segmentSource(story, 'intro', 'https://cdn.example/s/night-walk.json');
 * // { segmentId: 'intro', url: 'https://cdn.example/s/media/intro/index.m3u8', durationSeconds: 4 }
 */
export function segmentSource(story: Story, segmentId: string, baseUrl: string, generatedUrl?: string): SegmentSource {
  const segment = story.segments[segmentId];
  if (!segment) throw new Error(`segmentSource: no segment "${segmentId}" in story "${story.id}"`);
  const media = segment.media ?? generatedUrl;
  // Callers wait for a generated segment's rendition (needsRender) before they ask: an
  // unusable URL handed to the engine would fail the segment instead of holding for it.
  if (!media)
    throw new Error(
      `segmentSource: generated segment "${segmentId}" of story "${story.id}" has no rendition yet; wait for the generation client's whenPlayable() first`,
    );
  return { segmentId, url: new URL(media, baseUrl).href, durationSeconds: segment.duration };
}

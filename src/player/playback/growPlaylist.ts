import { PlaybackError } from './PlaybackError.js';
import { parsePlaylist, toSegmentPlaylist } from './readSegmentPlaylist.js';
import type { SegmentPlaylist } from './readSegmentPlaylist.js';

/**
 * A growing playlist may only append: earlier fragments must stay as they were. A read that
 * is cut short (no final newline: caught mid-write) or shorter than the last one (a stale
 * cache) is ignored until the next poll.
 *
 * @example
 * playlist = growPlaylist(playlist, await (await fetch(playlist.mediaUrl)).text());
 */
export function growPlaylist(before: SegmentPlaylist, text: string): SegmentPlaylist {
  if (!text.endsWith('\n')) return before;
  const after = toSegmentPlaylist(parsePlaylist(text), before.mediaUrl);
  if (
    after.fragments.length < before.fragments.length ||
    (after.fragments.length === before.fragments.length && !after.complete)
  )
    return before;
  const changed = before.fragments.some((f, i) => after.fragments[i]?.url !== f.url);
  if (changed)
    throw new PlaybackError(
      'playlist-changed',
      `${before.mediaUrl}: fragments already listed changed while the segment was growing`,
    );
  if (before.initUrl && after.initUrl !== before.initUrl)
    throw new PlaybackError('playlist-changed', `${before.mediaUrl}: EXT-X-MAP changed while the segment was growing`);
  return after;
}

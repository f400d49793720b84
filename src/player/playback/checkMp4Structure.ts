import { mp4StructureProblem } from '../../core/media/mp4StructureProblem.js';
import { PlaybackError } from './PlaybackError.js';

/**
 * Check that `data` is a well-formed fMP4 init section or media fragment at the top level:
 * boxes that tile the bytes exactly (no size running past the end, no trailing bytes) and
 * the boxes that kind needs (`moov`; `moof` + `mdat`). Garbage bytes or a body cut short
 * fail here, before hls.js appends them (a failed append is a fatal media error for the
 * whole timeline; a failed check only costs this fragment a retry). Throws a
 * PlaybackError `fragment-corrupt` naming the URL and what is wrong. The check itself is
 * core's `mp4StructureProblem`, which `offshoot validate --media` runs too.
 *
 * @example
 * checkMp4Structure(bytes, 'fragment', 'https://cdn/x/seg_003.m4s');
 */
export function checkMp4Structure(data: ArrayBuffer, kind: 'init' | 'fragment', url: string): void {
  const problem = mp4StructureProblem(data, kind);
  if (problem) throw new PlaybackError('fragment-corrupt', `${url}: not valid fMP4 (${problem})`);
}

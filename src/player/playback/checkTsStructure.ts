import { tsStructureProblem } from '../../core/media/tsStructureProblem.js';
import { PlaybackError } from './PlaybackError.js';

/**
 * Check that `data` is a well-formed MPEG-TS fragment: whole 188-byte packets, each starting
 * with the sync byte 0x47. Garbage, an HTML error page or a body cut short fail here, before
 * hls.js transmuxes them (a failed append stops the whole timeline; a failed check only costs
 * this fragment a retry). Throws a PlaybackError `fragment-corrupt` naming the URL and what
 * is wrong. The check itself is core's `tsStructureProblem`, which `offshoot validate
 * --media` runs too.
 *
 * @example
 * checkTsStructure(bytes, 'https://cdn/x/seg_003.ts');
 */
export function checkTsStructure(data: ArrayBuffer, url: string): void {
  const problem = tsStructureProblem(data);
  if (problem) throw new PlaybackError('fragment-corrupt', `${url}: not valid MPEG-TS (${problem})`);
}

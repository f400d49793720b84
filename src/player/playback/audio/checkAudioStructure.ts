import { tsStructureProblem } from '../../../core/media/tsStructureProblem.js';
import { PlaybackError } from '../PlaybackError.js';

/**
 * Check that `data` is a well-formed audio fragment of an MPEG-TS or packed-audio rendition:
 * whole MPEG-TS packets, or packed audio (an ID3 tag, or an ADTS frame, at its start). Garbage,
 * an HTML error page or a TS body cut short fail here with `fragment-corrupt` (retried) before
 * it is muxed; what a packed file holds past its start is read, and refused if need be, by
 * readPackedAudio.
 *
 * @example
 * checkAudioStructure(bytes, 'https://cdn/en/seg_003.aac');
 */
export function checkAudioStructure(data: ArrayBuffer, url: string): void {
  const bytes = new Uint8Array(data);
  if (bytes[0] === 0x47) {
    const problem = tsStructureProblem(bytes);
    if (problem) throw new PlaybackError('fragment-corrupt', `${url}: not valid MPEG-TS (${problem})`);
    return;
  }
  const id3 = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33;
  const adts = bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0;
  if (!id3 && !adts)
    throw new PlaybackError(
      'fragment-corrupt',
      `${url}: neither MPEG-TS nor packed audio (no 0x47 sync byte, ID3 tag or ADTS frame at its start)`,
    );
}

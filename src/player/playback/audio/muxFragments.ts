import { PlaybackError } from '../PlaybackError.js';
import { mp4Boxes } from '../mp4Boxes.js';
import { concat } from './muxInitSections.js';

/** tfhd flag: an absolute base data offset (would point into the audio file, not the muxed bytes). */
const BASE_DATA_OFFSET_PRESENT = 0x1;

/**
 * One muxed fragment: each audio fragment's `moof`+`mdat` pairs, with their `tfhd` track ID
 * set to `audioTrackId` (the ID muxInitSections gave the audio track), then the video
 * fragment's `moof`+`mdat` (its leading `styp`/`sidx` stay first). Several moof/mdat pairs in
 * one fragment is valid fMP4; sample data offsets are relative to each `moof`, so nothing
 * else moves. The audio fragments' own `styp`/`sidx` are left out.
 *
 * Audio first, measured: Chrome's MSE parses one moof at a time, and a segment's first audio
 * frame usually starts before the previous segment's audio ended (AAC frames overrun the
 * video's end), which Chrome treats as a discontinuity for every track. With the video moof
 * first, its second of already-appended pictures was then never shown (rVFC: 31 frames of
 * media, 1 presented, at every seam into such a segment); with the audio first the
 * discontinuity comes before any picture, as in ffmpeg's own interleaving (ADR 0012).
 *
 * @example
 * const bytes = muxFragments(videoFragment, [audio1, audio2], 2, audioUrls);
 */
export function muxFragments(
  video: ArrayBuffer,
  audio: ArrayBuffer[],
  audioTrackId: number,
  audioUrls: string[],
): ArrayBuffer {
  if (audio.length === 0) return video;
  const v = new Uint8Array(video);
  const firstMoof = mp4Boxes(v, 0, v.length, 'moof')[0];
  const split = firstMoof ? firstMoof.start - 8 : 0;
  const parts: Uint8Array[] = [v.subarray(0, split)];
  audio.forEach((bytes, i) => {
    const data = new Uint8Array(bytes).slice(); // the renumbering must not touch the fetched copy
    const view = new DataView(data.buffer);
    const moofs = mp4Boxes(data, 0, data.length, 'moof');
    const mdats = mp4Boxes(data, 0, data.length, 'mdat');
    if (moofs.length === 0 || moofs.length !== mdats.length)
      throw new PlaybackError('media-incompatible', `${audioUrls[i]}: expected moof+mdat pairs in an audio fragment`);
    for (const moof of moofs) {
      for (const traf of mp4Boxes(data, moof.start, moof.end, 'traf')) {
        for (const tfhd of mp4Boxes(data, traf.start, traf.end, 'tfhd')) {
          if (view.getUint32(tfhd.start) & BASE_DATA_OFFSET_PRESENT)
            throw new PlaybackError(
              'media-incompatible',
              `${audioUrls[i]}: the audio fragment uses absolute data offsets (tfhd base-data-offset), which cannot be muxed; package it with default-base-is-moof (ffmpeg and most packagers do)`,
            );
          view.setUint32(tfhd.start + 4, audioTrackId);
        }
      }
    }
    // moof+mdat in file order (each mdat follows its moof).
    const first = moofs[0]!.start - 8;
    const last = mdats.at(-1)!.end;
    const kept = [...moofs, ...mdats].sort((x, y) => x.start - y.start);
    if (kept.every((b, j) => j === 0 || b.start - 8 === kept[j - 1]!.end)) parts.push(data.subarray(first, last));
    else for (const b of kept) parts.push(data.subarray(b.start - 8, b.end));
  });
  parts.push(v.subarray(split));
  return concat(parts).buffer as ArrayBuffer;
}

/** AAC-LC bit rate of every generated rendition, kbit/s (stereo ambience; authored test media uses 64). */
export const AUDIO_KBPS = 96;
/** Sample rate of every generated rendition: the same as the authored media a story splices in. */
export const AUDIO_SAMPLE_RATE = 48_000;
/** Fade at each end of a clip, seconds: long enough that a splice does not click, short enough not to dip. */
export const AUDIO_FADE_SECONDS = 0.04;

/**
 * ffmpeg audio-encode arguments for a rendition: AAC-LC, 48 kHz, stereo, muxed into the
 * same fMP4 segments as the video, so every segment of a story has the same two tracks.
 *
 * @example
 * audioArgs(); // ['-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', '96k', '-ar', '48000', '-ac', '2']
 */
export function audioArgs(): string[] {
  return [
    '-c:a',
    'aac',
    '-profile:a',
    'aac_low',
    '-b:a',
    `${AUDIO_KBPS}k`,
    '-ar',
    String(AUDIO_SAMPLE_RATE),
    '-ac',
    '2',
  ];
}

/**
 * Filter chain that turns any audio into the rendition's exact length: resampled to 48 kHz
 * stereo, padded with silence or cut to `seconds`, with a short fade at both ends.
 *
 * @example
 * fitAudio(2); // 'aresample=48000,aformat=...,apad=whole_dur=2,atrim=end=2,afade=...'
 */
export function fitAudio(seconds: number): string {
  const fade = Math.min(AUDIO_FADE_SECONDS, seconds / 4);
  const d = seconds.toFixed(6);
  return [
    `aresample=${AUDIO_SAMPLE_RATE}`,
    `aformat=sample_fmts=fltp:sample_rates=${AUDIO_SAMPLE_RATE}:channel_layouts=stereo`,
    `apad=whole_dur=${d}`,
    `atrim=end=${d}`,
    `afade=t=in:d=${fade}`,
    `afade=t=out:st=${(seconds - fade).toFixed(6)}:d=${fade}`,
  ].join(',');
}

/** Video codec families a master playlist's variants come in. */
export type VideoCodecFamily = 'hevc' | 'avc' | 'vp9' | 'av1' | 'other';

const FAMILIES: Array<[RegExp, VideoCodecFamily]> = [
  [/^(hvc1|hev1)(\.|$)/i, 'hevc'],
  [/^(avc1|avc3)(\.|$)/i, 'avc'],
  [/^(vp09|vp9)(\.|$)/i, 'vp9'],
  [/^av01(\.|$)/i, 'av1'],
];
const AUDIO = /^(mp4a|opus|flac|ac-3|ec-3|alac)(\.|$)/i;

/**
 * The video codec family a CODECS attribute (or one codec string) names: the first codec that
 * is not an audio one decides. Undefined when it names no video codec (audio only, or none).
 *
 * @example
 * videoCodecFamily('hvc1.1.6.L93.B0,mp4a.40.2'); // 'hevc'
 * videoCodecFamily('mp4a.40.2');                 // undefined
 */
export function videoCodecFamily(codecs: string | undefined): VideoCodecFamily | undefined {
  const video = (codecs ?? '')
    .split(',')
    .map((c) => c.trim())
    .find((c) => c !== '' && !AUDIO.test(c));
  if (!video) return undefined;
  return FAMILIES.find(([pattern]) => pattern.test(video))?.[1] ?? 'other';
}

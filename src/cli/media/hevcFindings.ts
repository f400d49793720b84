import { videoCodecFamily } from '../../core/media/videoCodecFamily.js';
import type { RenditionShape } from './checkMediaPlaylist.js';
import type { MediaFinding } from './MediaIssue.js';

/** A master's variant as the check saw it: its media playlist's URL and CODECS attribute. */
export interface VariantCodecs {
  url: string;
  codecs?: string;
}

const WHERE = 'plays only where the browser decodes HEVC (Safari; Chrome/Edge with a hardware decoder)';

/**
 * What a segment's HEVC means for its viewers (ADR 0016), from each rendition's init section
 * (the codec the browser will meet) or, where none was read, its CODECS attribute:
 * - `codec-limited` (warning): every rendition is HEVC; elsewhere the player refuses the
 *   segment with media-incompatible and the story takes another path;
 * - `codec-choice` (note): HEVC beside another codec; the player takes HEVC where it decodes;
 * - `codec-tag` (warning): an `hev1` rendition (parameter sets in the samples), which Safari
 *   does not play: Apple's HLS authoring spec asks for `hvc1`.
 * `variants` is empty for a media playlist without a master (its one shape is the segment).
 *
 * @example
 * hevcFindings('file:///m/hevc/index.m3u8', [{ url: 'file:///m/hevc/video/media.m3u8', codecs: 'hvc1.1.4.L63.B01,mp4a.40.2' }], shapes);
 */
export function hevcFindings(segmentUrl: string, variants: VariantCodecs[], shapes: RenditionShape[]): MediaFinding[] {
  const listed: VariantCodecs[] = variants.length > 0 ? variants : shapes.map((s) => ({ url: s.url }));
  const renditions = listed.map((v) => {
    const init = shapes.find((s) => s.url === v.url)?.init;
    const video = init?.codecs.find((c) => c.handler === 'vide');
    const codec = video?.codec ?? v.codecs?.split(',')[0]?.trim();
    return { url: init?.url ?? v.url, codec, family: videoCodecFamily(codec) };
  });
  const findings: MediaFinding[] = renditions
    .filter((r) => r.codec && /^hev1(\.|$)/i.test(r.codec))
    .map((r) => ({
      code: 'codec-tag' as const,
      url: r.url,
      message: `HEVC tagged hev1 (${r.codec}): Safari does not play it (Apple's HLS authoring spec requires hvc1); repackage it as hvc1 (ffmpeg -tag:v hvc1, or your packager's hvc1 option), same bytes otherwise`,
    }));
  const known = renditions.filter((r) => r.family !== undefined);
  const hevc = known.filter((r) => r.family === 'hevc');
  if (hevc.length === 0) return findings;
  const codecs = [...new Set(hevc.map((r) => r.codec))].join(', ');
  if (hevc.length === known.length)
    findings.push({
      code: 'codec-limited',
      url: segmentUrl,
      message: `HEVC only (${codecs}): ${WHERE}; elsewhere the player refuses this segment (media-incompatible) and the story takes another path. List H.264 variants beside it in a master playlist (CODECS="avc1…")`,
    });
  else {
    const others = [...new Set(known.filter((r) => r.family !== 'hevc').map((r) => r.codec))].join(', ');
    findings.push({
      code: 'codec-choice',
      url: segmentUrl,
      message: `HEVC (${codecs}) beside ${others}: the player plays the HEVC renditions where the browser decodes HEVC, the others elsewhere, and never switches codec inside a segment`,
    });
  }
  return findings;
}

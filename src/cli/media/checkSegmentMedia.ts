import { Parser } from 'm3u8-parser';
import type { ParsedManifest, ParsedVariant } from 'm3u8-parser';
import { checkMediaPlaylist } from './checkMediaPlaylist.js';
import type { RenditionShape } from './checkMediaPlaylist.js';
import { codecPlayability } from './codecPlayability.js';
import { hevcFindings } from './hevcFindings.js';
import type { MediaFinding } from './MediaIssue.js';
import type { MediaReader } from './MediaReader.js';

/** What one segment's media check found, and its container (for the story-wide TS/fMP4 check). */
export interface SegmentMediaReport {
  findings: MediaFinding[];
  container?: RenditionShape['container'];
}

/** What m3u8-parser reads of an EXT-X-MEDIA tag (m3u8-parser.d.ts names only uri/default). */
interface MediaTag {
  uri?: string;
  default?: boolean;
  language?: string;
}

/** Same tolerance as the player's RenditionLadder: two durations this close are one fragment in time. */
const ALIGN_TOLERANCE_S = 0.001;

/**
 * Check one segment's static media as the player will meet it: the playlist read with the
 * player's parser (m3u8-parser); for a master, each variant's codecs, every rendition's
 * playlist (the player may pick any), their fragment alignment (a switch inside the segment
 * needs it), and the audio and subtitle groups; for every media playlist, checkMediaPlaylist;
 * for the segment, what its HEVC means for viewers (hevcFindings).
 *
 * @example
 * const { findings } = await checkSegmentMedia(new URL('file:///m/ladder/index.m3u8'), reader);
 */
export async function checkSegmentMedia(url: URL, reader: MediaReader): Promise<SegmentMediaReport> {
  const top = await readManifest(url, reader);
  if ('finding' in top) return { findings: [top.finding] };
  if (!top.manifest.playlists?.length) {
    const { findings, shape } = await checkMediaPlaylist(top.manifest, url.href, reader);
    return {
      findings: [...findings, ...hevcFindings(url.href, [], shape ? [shape] : [])],
      container: shape?.container,
    };
  }
  return checkMaster(top.manifest, url, reader);
}

async function checkMaster(master: ParsedManifest, url: URL, reader: MediaReader): Promise<SegmentMediaReport> {
  const findings: MediaFinding[] = [];
  const variants = master.playlists ?? [];
  const playable: ParsedVariant[] = [];
  for (const v of variants) {
    const where = new URL(v.uri, url).href;
    const codecs = codecPlayability(v.attributes.CODECS);
    if (codecs.kind === 'unknown')
      findings.push({
        code: 'codec-unplayable',
        url: where,
        message: `CODECS "${v.attributes.CODECS}": ${codecs.codecs!.join(', ')} is not a codec the player's browsers play (H.264, VP9, AV1; AAC, Opus, FLAC); the player skips this variant`,
      });
    else playable.push(v);
    if (codecs.kind === 'missing')
      findings.push({
        code: 'codecs-missing',
        url: where,
        message:
          'no CODECS attribute: the player cannot tell whether the browser plays it and assumes it does; add CODECS="avc1.…,mp4a.40.2"',
      });
  }
  if (playable.length === 0)
    return {
      findings: [
        ...findings,
        {
          code: 'media-incompatible',
          url: url.href,
          message: `no rendition with a codec the player can play (CODECS: ${variants.map((v) => v.attributes.CODECS ?? '?').join('; ')}): add an H.264/AAC variant`,
        },
      ],
    };
  const shapes: RenditionShape[] = [];
  for (const v of playable) {
    const where = new URL(v.uri, url);
    const media = await readManifest(where, reader);
    if ('finding' in media) {
      findings.push(media.finding);
      continue;
    }
    const checked = await checkMediaPlaylist(media.manifest, where.href, reader);
    findings.push(...checked.findings);
    if (checked.shape) shapes.push(checked.shape);
  }
  findings.push(...ladderFindings(shapes));
  findings.push(...bandwidthFindings(playable, url, shapes));
  const listed = playable.map((v) => ({ url: new URL(v.uri, url).href, codecs: v.attributes.CODECS }));
  findings.push(...hevcFindings(url.href, listed, shapes));
  findings.push(...(await groupFindings(master, playable, url, reader, shapes[0]?.container)));
  return { findings, container: shapes[0]?.container };
}

/** RFC 8216 §4.3.4.2: BANDWIDTH is the peak segment bitrate; a segment may exceed it by 10 %. */
const BANDWIDTH_SLACK = 1.1;

/**
 * Variants whose first fragment alone needs more than their BANDWIDTH says: the player's ABR
 * picks renditions by BANDWIDTH, and would choose them on links that cannot carry them.
 */
function bandwidthFindings(variants: ParsedVariant[], url: URL, shapes: RenditionShape[]): MediaFinding[] {
  return variants.flatMap((v): MediaFinding[] => {
    const where = new URL(v.uri, url).href;
    const measured = shapes.find((s) => s.url === where)?.firstFragmentBps;
    const stated = v.attributes.BANDWIDTH;
    if (!stated || !measured || measured <= stated * BANDWIDTH_SLACK) return [];
    return [
      {
        code: 'bandwidth-understated',
        url: where,
        message:
          `BANDWIDTH=${stated}, but its first fragment alone is ${Math.round(measured / 1000)} kbit/s: the player's ABR picks renditions by BANDWIDTH and would choose this one on links that cannot carry it (stalls). ` +
          "Write the peak fragment bitrate, audio included (RFC 8216 §4.3.4.2); ffmpeg 5.1's -master_pl_name writes the audio's bitrate only",
      },
    ];
  });
}

/** A ladder whose renditions do not share fragment boundaries switches only at the segment's start. */
function ladderFindings(shapes: RenditionShape[]): MediaFinding[] {
  const [reference, ...others] = shapes;
  if (!reference) return [];
  return others.flatMap((other): MediaFinding[] => {
    const why =
      other.container !== reference.container
        ? 'one MPEG-TS, one fMP4'
        : other.durations.length !== reference.durations.length
          ? `${other.durations.length} fragments, not ${reference.durations.length}`
          : other.durations.some((d, i) => Math.abs(d - reference.durations[i]!) > ALIGN_TOLERANCE_S)
            ? `fragment ${other.durations.findIndex((d, i) => Math.abs(d - reference.durations[i]!) > ALIGN_TOLERANCE_S)} lasts a different time`
            : '';
    if (!why) return [];
    return [
      {
        code: 'ladder-misaligned',
        url: other.url,
        message: `does not line up with ${reference.url} (${why}): the player will not switch to it inside the segment, only at its start; cut every rendition at the same times (same -g / -force_key_frames, one container)`,
      },
    ];
  });
}

/** Audio and subtitle groups the playable variants name: their playlists are checked, what the player does is said. */
async function groupFindings(
  master: ParsedManifest,
  variants: ParsedVariant[],
  url: URL,
  reader: MediaReader,
  container: RenditionShape['container'] | undefined,
): Promise<MediaFinding[]> {
  const findings: MediaFinding[] = [];
  for (const type of ['AUDIO', 'SUBTITLES'] as const) {
    const groups = new Set(variants.map((v) => v.attributes[type]).filter((g): g is string => typeof g === 'string'));
    for (const group of groups) {
      const tags = Object.entries((master.mediaGroups?.[type]?.[group] ?? {}) as Record<string, MediaTag>);
      const separate = tags.filter(([, t]) => t.uri);
      if (separate.length === 0) continue; // names only the audio muxed into the variant
      const names = separate.map(
        ([name, t]) => `"${name}"${t.language ? ` (${t.language})` : ''}${t.default ? ' default' : ''}`,
      );
      for (const [, tag] of separate) {
        const at = new URL(tag.uri!, url);
        const media = await readManifest(at, reader);
        if ('finding' in media)
          // Unreadable subtitles are a non-fatal `subtitles-failed` in the player: the video plays on.
          findings.push(
            type === 'AUDIO'
              ? media.finding
              : {
                  ...media.finding,
                  code: 'subtitles-failed',
                  message: `${media.finding.message}: the player plays on without these subtitles`,
                },
          );
        else if (type === 'AUDIO') {
          const checked = await checkMediaPlaylist(media.manifest, at.href, reader);
          findings.push(...checked.findings);
          // fMP4 audio is muxed into fMP4 video, MPEG-TS or packed audio into MPEG-TS video (ADR 0012).
          const audio = checked.shape?.container;
          if (audio && container && audio !== container)
            findings.push({
              code: 'media-incompatible',
              url: at.href,
              message:
                `an ${audio === 'MPEG-TS' ? 'MPEG-TS (or packed) audio rendition' : 'fMP4 audio rendition'} with ${container} video cannot be muxed by the player: ` +
                'package the variant and its audio renditions alike, both fMP4 (ffmpeg -hls_segment_type fmp4) or both MPEG-TS / packed AAC',
            });
        }
      }
      findings.push(
        type === 'AUDIO'
          ? {
              code: 'alternate-audio',
              url: url.href,
              message: `audio group "${group}": ${names.join(', ')}. The player plays the default rendition (or the viewer's language), muxed into the video fragments; viewers switch with audioTracks / setAudioTrack`,
            }
          : {
              code: 'subtitles',
              url: url.href,
              message: `subtitle group "${group}": ${names.join(', ')}. The player shows the default track (WebVTT) in its caption layer; viewers switch or turn it off with the tracks control / subtitleTracks`,
            },
      );
    }
  }
  return findings;
}

async function readManifest(
  url: URL,
  reader: MediaReader,
): Promise<{ manifest: ParsedManifest } | { finding: MediaFinding }> {
  let text: string;
  try {
    text = new TextDecoder().decode(await reader.read(url));
  } catch (error) {
    return {
      finding: { code: 'playlist-load-failed', url: url.href, message: `cannot be read (${(error as Error).message})` },
    };
  }
  try {
    const parser = new Parser();
    parser.push(text);
    parser.end();
    return { manifest: parser.manifest };
  } catch (error) {
    const why = `the HLS parser fails on it (${(error as Error).message}): check its tags against RFC 8216`;
    return { finding: { code: 'playlist-invalid', url: url.href, message: why } };
  }
}

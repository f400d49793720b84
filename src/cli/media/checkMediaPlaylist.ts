import type { ParsedManifest } from 'm3u8-parser';
import { mp4Codecs } from '../../core/media/mp4Codecs.js';
import type { TrackCodec } from '../../core/media/mp4Codecs.js';
import { mp4StructureProblem } from '../../core/media/mp4StructureProblem.js';
import { tsStructureProblem } from '../../core/media/tsStructureProblem.js';
import { looksPackedAudio, packedAudioProblem } from '../../core/media/packedAudioProblem.js';
import type { MediaFinding } from './MediaIssue.js';
import type { MediaReader } from './MediaReader.js';

/** What one media playlist (a rendition) is, for the checks across renditions and segments. */
export interface RenditionShape {
  url: string;
  container: 'fMP4' | 'MPEG-TS';
  durations: number[];
  /** The init section's tracks (fMP4 whose init was read in the clear), and where it is. */
  init?: { url: string; codecs: TrackCodec[] };
  /** The first fragment's bitrate (bits/s over its EXTINF duration), when it was read. */
  firstFragmentBps?: number;
}

const FMP4_NAME = /\.(mp4|m4s|m4v|cmfv)(\?|$)/i;

/**
 * The player's rules for one media playlist (readSegmentPlaylist's toSegmentPlaylist and the
 * AES-128 key rules), then its first fragment (and init section) read and run through the
 * player's own structure checks (core's mp4StructureProblem / tsStructureProblem). Returns
 * the findings and, when the playlist is usable, its shape.
 *
 * @example
 * const { findings, shape } = await checkMediaPlaylist(manifest, 'file:///m/intro/media.m3u8', reader);
 */
export async function checkMediaPlaylist(
  manifest: ParsedManifest,
  url: string,
  reader: MediaReader,
): Promise<{ findings: MediaFinding[]; shape?: RenditionShape }> {
  const invalid = (message: string): { findings: MediaFinding[] } => ({
    findings: [{ code: 'playlist-invalid', url, message }],
  });
  const segments = manifest.segments ?? [];
  if (segments.length === 0)
    return invalid(manifest.endList ? 'no fragments' : 'no fragments yet (a live playlist with nothing listed)');
  const mapUri = segments[0]!.map?.uri;
  if (!mapUri && segments.some((s) => FMP4_NAME.test(s.uri)))
    return invalid('fMP4 fragments but no EXT-X-MAP: add the init section (ffmpeg -hls_segment_type fmp4 writes one)');
  if (segments.some((s) => s.byterange || s.map?.byterange))
    return invalid(
      'byte-range fragments (EXT-X-BYTERANGE) are not supported: package one file per fragment (ffmpeg: drop -hls_flags single_file)',
    );
  const breakAt = segments.findIndex((s, i) => i > 0 && (s.discontinuity || s.map?.uri !== mapUri));
  if (breakAt > 0)
    return invalid(
      `fragment ${breakAt} (${segments[breakAt]!.uri}) starts a discontinuity or a new init section inside the segment: ` +
        'make each piece its own story segment, or re-encode it as one',
    );

  const findings: MediaFinding[] = [];
  const keyMethods = new Set(segments.map((s) => s.key?.method).filter((m): m is string => !!m && m !== 'NONE'));
  for (const method of keyMethods) {
    if (method === 'AES-128' || /^SAMPLE-AES-(CTR|CENC)$/.test(method)) continue;
    findings.push({
      code: 'media-incompatible',
      url,
      message:
        `encrypted with METHOD=${method}, which the player refuses (it plays AES-128 whole-segment encryption, ` +
        'and SAMPLE-AES-CTR/cenc through EME): package it with METHOD=AES-128 or as cenc fMP4',
    });
  }
  if (findings.length > 0) return { findings };

  const first = segments[0]!;
  const key = first.key?.method === 'AES-128' ? new URL(first.key.uri, url) : undefined;
  if (key) {
    const bytes = await reader.read(key).catch((error: Error) => error);
    if (bytes instanceof Error || bytes.length !== 16)
      findings.push({
        code: 'key-load-failed',
        url: key.href,
        message: `the AES-128 key ${bytes instanceof Error ? `cannot be read (${bytes.message})` : `is ${bytes.length} bytes, not 16`}`,
      });
    else
      findings.push({
        code: 'encrypted',
        url,
        message: `AES-128: the player fetches the key from ${key.href} and decrypts each fragment before it plays (its structure is not checked here)`,
      });
  }
  const container = mapUri ? 'fMP4' : 'MPEG-TS';
  let init: RenditionShape['init'];
  let firstFragmentBps: number | undefined;
  // Encrypted bytes have no structure to check: the key's own check above stands in for it.
  if (!key) {
    const pieces = mapUri
      ? ([
          ['init', new URL(mapUri, url)],
          ['fragment', new URL(first.uri, url)],
        ] as const)
      : ([['fragment', new URL(first.uri, url)]] as const);
    for (const [kind, at] of pieces) {
      const bytes = await reader.read(at).catch((error: Error) => error);
      if (bytes instanceof Error) {
        findings.push({ code: 'fragment-load-failed', url: at.href, message: `cannot be read (${bytes.message})` });
        continue;
      }
      // Packed audio (an audio rendition's ID3-stamped AAC) is muxed like MPEG-TS (ADR 0012).
      const packed = !mapUri && looksPackedAudio(bytes);
      const problem = mapUri
        ? mp4StructureProblem(bytes, kind)
        : packed
          ? packedAudioProblem(bytes)
          : tsStructureProblem(bytes);
      if (problem)
        findings.push({
          code: 'fragment-corrupt',
          url: at.href,
          message: `not valid ${packed ? 'packed audio' : container} (${problem})`,
        });
      else if (kind === 'init') init = { url: at.href, codecs: mp4Codecs(bytes) };
      if (kind === 'fragment' && first.duration > 0) firstFragmentBps = (bytes.length * 8) / first.duration;
    }
  }
  const durations = segments.map((s) => s.duration);
  const shape: RenditionShape = { url, container, durations };
  if (init) shape.init = init;
  if (firstFragmentBps !== undefined) shape.firstFragmentBps = firstFragmentBps;
  return { findings, shape };
}

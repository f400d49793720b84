import type { ParsedVariant } from 'm3u8-parser';
import { CompositionShift } from './CompositionShift.js';
import { parsePlaylist, toSegmentPlaylist } from './readSegmentPlaylist.js';
import type { SegmentPlaylist } from './readSegmentPlaylist.js';
import { variantBandwidth, variantHeight } from './selectVariant.js';

/** One rendition of a segment: its variant (null for a plain media playlist), playlist once read, its own B-frame shift. */
export interface Rendition {
  variant: ParsedVariant | null;
  mediaUrl: string;
  playlist: SegmentPlaylist | null;
  /** CompositionShift is per init section: each rendition has its own delay. */
  readonly shift: CompositionShift;
  initRequested: boolean;
  /** Why it can never be switched to (fragments that do not line up, a playlist that failed); null while usable. */
  unusable: string | null;
  /** Picture height and BANDWIDTH, for the `renditionchange` event (0 when unknown). */
  height: number;
  bandwidth: number;
}

/** Two fragment durations this close (seconds) are the same fragment in time. */
const ALIGN_TOLERANCE_S = 0.001;

/**
 * The renditions of one segment's master playlist, for switching at fragment boundaries:
 * the one chosen first is the reference (its fragments are the segment's timing); another
 * may take over from fragment i on only when both playlists are complete (VOD) fMP4 with the
 * same number of fragments and the same durations (so fragment i starts at the same time in
 * both), and it takes the same audio group. Other variants' playlists are read in the
 * background as soon as the reference is known, so a switch never waits for a playlist.
 *
 * @example
 * const ladder = new RenditionLadder(masterUrl, variants, chosen, playlist);
 * ladder.prepare(fetchText);
 * ladder.usable(); // the variants the choice may pick among
 */
export class RenditionLadder {
  readonly reference: Rendition;
  private readonly all: Rendition[];

  constructor(
    masterUrl: string,
    variants: readonly ParsedVariant[],
    chosen: ParsedVariant | null,
    playlist: SegmentPlaylist,
  ) {
    this.all = variants.map((variant) => rendition(variant, new URL(variant.uri, masterUrl).href));
    const reference = this.all.find((r) => r.variant === chosen);
    this.reference = reference ?? rendition(null, playlist.mediaUrl);
    this.reference.playlist = playlist;
    if (!reference) this.all.push(this.reference);
    for (const r of this.all) if (r !== this.reference) r.unusable = this.cannotSwitch(r);
  }

  /** Settles when every other rendition's playlist was read (or failed): `prepare` started. */
  prepared: Promise<unknown> = Promise.resolve();

  /** Read the other renditions' playlists (once), to check they line up before any switch. */
  prepare(fetchText: (url: string) => Promise<string>): void {
    const loads: Array<Promise<unknown>> = [];
    for (const r of this.all) {
      if (r.unusable || r.playlist) continue;
      const load = fetchText(r.mediaUrl).then(
        (text) => {
          try {
            r.playlist = toSegmentPlaylist(parsePlaylist(text), r.mediaUrl);
            r.unusable = misaligned(this.reference.playlist!, r.playlist);
          } catch (error) {
            r.unusable = String(error);
          }
        },
        (error: unknown) => (r.unusable = String(error)),
      );
      loads.push(load);
    }
    this.prepared = Promise.all(loads);
  }

  /** Variants the choice may pick for fragment `index`: the reference and every ready, aligned rendition. */
  usable(): ParsedVariant[] {
    return this.all.filter((r) => r === this.reference || (!r.unusable && r.playlist)).flatMap((r) => r.variant ?? []);
  }

  /** Whether the reference can switch at all (a plain media playlist or a growing one cannot). */
  get switchable(): boolean {
    const p = this.reference.playlist!;
    return this.reference.variant !== null && p.complete && this.all.length > 1;
  }

  byVariant(variant: ParsedVariant | undefined): Rendition | undefined {
    return this.all.find((r) => r.variant === variant);
  }

  /** The rendition an init section or fragment URL belongs to. */
  owner(url: string): Rendition {
    return (
      this.all.find(
        (r) => r.playlist && (r.playlist.initUrl === url || r.playlist.fragments.some((f) => f.url === url)),
      ) ?? this.reference
    );
  }

  private cannotSwitch(r: Rendition): string | null {
    const audio = (v: ParsedVariant | null) => v?.attributes.AUDIO ?? null;
    if (audio(r.variant) !== audio(this.reference.variant)) return 'another audio group';
    return null;
  }
}

function rendition(variant: ParsedVariant | null, mediaUrl: string): Rendition {
  return {
    variant,
    mediaUrl,
    playlist: null,
    shift: new CompositionShift(),
    initRequested: false,
    unusable: null,
    height: variant ? variantHeight(variant) : 0,
    bandwidth: variant ? variantBandwidth(variant) : 0,
  };
}

/**
 * Why `other` cannot take over from `reference` at a fragment boundary, or null when it can:
 * complete, fMP4 (one init section each), same fragment count and durations.
 */
export function misaligned(reference: SegmentPlaylist, other: SegmentPlaylist): string | null {
  const where = `${other.mediaUrl} against ${reference.mediaUrl}`;
  if (!other.complete || !reference.complete) return `${where}: a growing playlist (no ENDLIST)`;
  // MPEG-TS renditions switch too (ADR 0015), but not to or from fMP4: hls.js feeds the two to
  // different SourceBuffer layouts (one muxed against audio + video) and cannot change mid-stream.
  if (!other.initUrl !== !reference.initUrl) return `${where}: one MPEG-TS, one fMP4`;
  if (other.fragments.length !== reference.fragments.length)
    return `${where}: ${other.fragments.length} fragments, not ${reference.fragments.length}`;
  const i = other.fragments.findIndex(
    (f, k) => Math.abs(f.duration - reference.fragments[k]!.duration) > ALIGN_TOLERANCE_S,
  );
  return i < 0
    ? null
    : `${where}: fragment ${i} lasts ${other.fragments[i]!.duration} s, not ${reference.fragments[i]!.duration} s`;
}

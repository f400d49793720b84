import type { ParsedVariant } from 'm3u8-parser';
import { CompositionShift } from './CompositionShift.js';
import { parsePlaylist, toSegmentPlaylist } from './readSegmentPlaylist.js';
import type { SegmentPlaylist } from './readSegmentPlaylist.js';
import { growPlaylist } from './growPlaylist.js';
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
 * Longest the choice waits for a wanted rendition's playlist to be read again while the segment
 * grows; past it the fragment comes from the rendition the segment is on (the read still lands).
 */
const GROWING_READ_WAIT_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The renditions of one segment's master playlist, for switching at fragment boundaries:
 * the one chosen first is the reference (its fragments are the segment's timing); another
 * may take over at fragment i only with the same audio group and packaging, and when its fragments
 * line up (`takeOver`): complete (VOD) playlists must have the same fragment count and
 * durations; a growing one must list fragments 0..i with the durations of the rendition the
 * segment is on. A complete reference has the other playlists read in the background as soon
 * as it is known (`prepare`), so a switch never waits for a playlist; a growing one has them
 * read only when the choice wants one (`refresh`), so a growing segment's polling is not
 * multiplied by its renditions.
 *
 * @example
 * const ladder = new RenditionLadder(masterUrl, variants, chosen, playlist);
 * ladder.prepare(fetchText);
 * ladder.usable(); // the variants the choice may pick among
 */
export class RenditionLadder {
  readonly reference: Rendition;
  private readonly all: Rendition[];
  private readonly initiallyComplete: boolean;

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
    this.initiallyComplete = playlist.complete;
    if (!reference) this.all.push(this.reference);
    for (const r of this.all) if (r !== this.reference) r.unusable = this.cannotSwitch(r);
  }

  /** Settles when every other rendition's playlist was read (or failed): `prepare` started. */
  prepared: Promise<unknown> = Promise.resolve();

  /** Read on demand while the segment grows: one read at a time per rendition. */
  private readonly reads = new Map<Rendition, Promise<void>>();

  /**
   * Read the other renditions' playlists (once), to check they line up before any switch.
   * Only for a complete reference: a growing one's are read when wanted (`refresh`).
   */
  prepare(fetchText: (url: string) => Promise<string>): void {
    if (this.growing) return;
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

  /**
   * Variants the choice may pick for the next fragment: `current` and every rendition not
   * refused, read (aligned) when the reference was complete; while it grows, also those not
   * read yet (read when wanted, `refresh`).
   */
  usable(current: Rendition = this.reference): ParsedVariant[] {
    return this.all
      .filter((r) => r === current || (!r.unusable && (r.playlist || this.growing)))
      .flatMap((r) => r.variant ?? []);
  }

  /** Whether the reference can switch at all (a plain media playlist cannot). */
  get switchable(): boolean {
    return this.reference.variant !== null && this.all.length > 1;
  }

  /**
   * The rendition fragment `index` comes from: `choose`'s pick among the usable renditions if it
   * may take over from `current` there (`takeOver`), else `current`. While the segment grows, a
   * wanted rendition whose playlist does not list `index` yet is read again (once, waited for at
   * most GROWING_READ_WAIT_MS); still not listed, the fragment stays on `current` (tried again at
   * the next). A refused one is left out and `choose` asked again.
   *
   * @example
   * const r = await ladder.next(current, 3, (usable) => chooseVariant(usable, current.variant), fetchText);
   */
  async next(
    current: Rendition,
    index: number,
    choose: (usable: ParsedVariant[]) => ParsedVariant | undefined,
    fetchText: (url: string) => Promise<string>,
  ): Promise<Rendition> {
    if (!this.switchable) return current;
    for (;;) {
      const wanted = this.byVariant(choose(this.usable(current)));
      if (!wanted || wanted === current) return current;
      let verdict = this.takeOver(wanted, current, index);
      if (verdict === 'later') {
        await Promise.race([this.refresh(wanted, fetchText), sleep(GROWING_READ_WAIT_MS)]);
        verdict = this.takeOver(wanted, current, index);
      }
      if (verdict === 'now') return wanted;
      if (verdict === 'later') return current;
      // Refused: now left out of usable(), so each turn has one candidate fewer.
    }
  }

  /**
   * Whether `r` may take over at fragment `index` from `current` (the rendition the segment is
   * on: its playlist lists `index`): a refusal is kept in `r.unusable`, so it is never wanted
   * again. 'later': its playlist, as last read, does not list `index` yet.
   */
  private takeOver(r: Rendition, current: Rendition, index: number): 'now' | 'later' | 'never' {
    if (r.unusable) return 'never';
    if (!r.playlist) return 'later';
    const verdict = alignedAt(current.playlist!, r.playlist, index);
    if (verdict === 'later' || verdict === null) return verdict ?? 'now';
    r.unusable = verdict;
    return 'never';
  }

  /**
   * Read `r`'s playlist again (a growing segment: when the choice wants `r` and its last read
   * does not list the next fragment). One read at a time; a failed read refuses `r`.
   */
  private refresh(r: Rendition, fetchText: (url: string) => Promise<string>): Promise<void> {
    let read = this.reads.get(r);
    if (!read) {
      read = fetchText(r.mediaUrl)
        .then((text) => {
          r.playlist = r.playlist ? growPlaylist(r.playlist, text) : toSegmentPlaylist(parsePlaylist(text), r.mediaUrl);
        })
        .catch((error: unknown) => void (r.unusable = String(error)))
        .finally(() => this.reads.delete(r));
      this.reads.set(r, read);
    }
    return read;
  }

  /** The reference was still growing when the segment started: other playlists are read when wanted. */
  private get growing(): boolean {
    return !this.initiallyComplete;
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

/**
 * Whether `other` may take over at fragment `index` from `current` (the rendition a segment is
 * on, its playlist listing `index`), either of them possibly still growing: null when it may
 * (it lists fragments 0..index with the same durations), 'later' when it does not list
 * `index` yet but may still, else why it never may. Two complete playlists: `misaligned`.
 *
 * @example
 * alignedAt(p240, p720, 3); // null: 720p lists fragments 0..3, lasting what 240p's do
 */
export function alignedAt(current: SegmentPlaylist, other: SegmentPlaylist, index: number): string | null | 'later' {
  if (current.complete && other.complete) return misaligned(current, other);
  const where = `${other.mediaUrl} against ${current.mediaUrl}`;
  if (!other.initUrl !== !current.initUrl) return `${where}: one MPEG-TS, one fMP4`;
  const listed = Math.min(other.fragments.length, current.fragments.length);
  const i = other.fragments
    .slice(0, listed)
    .findIndex((f, k) => Math.abs(f.duration - current.fragments[k]!.duration) > ALIGN_TOLERANCE_S);
  if (i >= 0)
    return `${where}: fragment ${i} lasts ${other.fragments[i]!.duration} s, not ${current.fragments[i]!.duration} s`;
  // Ended on another count than the other lists already.
  const ended = (p: SegmentPlaylist, q: SegmentPlaylist) => p.complete && q.fragments.length > p.fragments.length;
  if (ended(other, current) || ended(current, other))
    return `${where}: ${other.fragments.length} fragments${other.complete ? '' : ' so far'}, not ${current.fragments.length}${current.complete ? '' : ' so far'}`;
  return other.fragments.length > index ? null : 'later';
}

import { parsePlaylist, toSegmentPlaylist } from '../readSegmentPlaylist.js';
import { AesDecrypter } from '../decrypt/AesDecrypter.js';
import { readMediaStart } from './readMediaStart.js';
import type { MediaStart } from './readMediaStart.js';
import { readSubtitleRenditions } from './readSubtitleRenditions.js';
import { placeSubtitleCues } from './placeSubtitleCues.js';
import type { SubtitleIO } from './subtitleIO.js';
import type { SubtitleCue, SubtitleRendition } from './SubtitleTrack.js';
import { Wakeup } from '../Wakeup.js';

/** Enough of a fragment for its moof (fMP4) or its first PES header (MPEG-TS). */
const HEAD_BYTES = 16 * 1024;

/** What the master says about one segment: its subtitle renditions and its video's start timestamp. */
interface Master {
  renditions: SubtitleRendition[];
  /** Where the segment's media starts (media seconds); read when a rendition is shown. */
  mediaStart: () => Promise<MediaStart>;
}

/**
 * One story segment's subtitles: reads its master playlist's subtitle group, then for the
 * rendition shown fetches the WebVTT playlist and its fragments, in order, only up to the
 * horizon the player sets (the same look-ahead as the video), re-reading a growing playlist
 * (no ENDLIST) like the engine does. Cues are placed on the segment's time as they arrive.
 *
 * @example
 * const subs = new SegmentSubtitles(source.url, subtitleIO, () => redraw());
 * const renditions = await subs.renditions;
 * subs.show(0); subs.setHorizon(30); subs.cues; // grows
 */
export class SegmentSubtitles {
  readonly renditions: Promise<SubtitleRendition[]>;
  /** Cues of the rendition shown, in segment time; replaced (not mutated) when they change. */
  cues: readonly SubtitleCue[] = [];
  private readonly master: Promise<Master>;
  private readonly abort = new AbortController();
  private shown: AbortController | null = null;
  private shownIndex = -1;
  private horizon = 0;
  private readonly wakeup = new Wakeup();

  constructor(
    private readonly url: string,
    private readonly io: SubtitleIO,
    private readonly onCues: () => void,
    private readonly onError: (error: Error) => void,
    private readonly pollMs = 500,
  ) {
    this.master = this.readMaster();
    this.renditions = this.master.then(
      (m) => m.renditions,
      () => [],
    );
  }

  /** Show rendition `index` of `renditions` (-1: none); the one already shown keeps its cues. */
  show(index: number): void {
    if (index === this.shownIndex && (index < 0 || this.shown)) return;
    this.shownIndex = index;
    this.shown?.abort();
    this.wakeup.wake();
    this.shown = null;
    this.cues = [];
    this.onCues();
    if (index < 0) return;
    const controller = new AbortController();
    this.shown = controller;
    void this.load(index, controller.signal).catch((error: unknown) => {
      if (!controller.signal.aborted) this.onError(error instanceof Error ? error : new Error(String(error)));
    });
  }

  /** Fetch cues up to this many seconds into the segment. */
  setHorizon(seconds: number): void {
    if (seconds <= this.horizon) return;
    this.horizon = seconds;
    this.wakeup.wake();
  }

  destroy(): void {
    this.abort.abort();
    this.shown?.abort();
    this.wakeup.wake();
  }

  private async readMaster(): Promise<Master> {
    const signal = this.abort.signal;
    const manifest = parsePlaylist(await this.io.text(this.url, signal));
    const renditions = readSubtitleRenditions(manifest, this.url);
    const variant = manifest.playlists?.find((v) => typeof v.attributes.SUBTITLES === 'string');
    let start: Promise<MediaStart> | null = null;
    const mediaStart = (): Promise<MediaStart> =>
      (start ??= variant
        ? this.readMediaStart(new URL(variant.uri, this.url).href, signal)
        : Promise.resolve({ start: 0, cueZero: 0 }));
    return { renditions, mediaStart };
  }

  /**
   * Where the variant's media starts: from its init section and its first fragment's head (a
   * Range read). AES-128 media is read whole and decrypted first (a CBC prefix cannot be
   * checked against its padding, and the timestamps are in the clear bytes only).
   */
  private async readMediaStart(mediaUrl: string, signal: AbortSignal): Promise<MediaStart> {
    const playlist = toSegmentPlaylist(parsePlaylist(await this.io.text(mediaUrl, signal)), mediaUrl);
    const first = playlist.fragments[0];
    if (!first) return { start: 0, cueZero: 0 };
    const aes = new AesDecrypter(async (url, code, bodySignal, verify) => {
      const body = await this.io.body(url, code, bodySignal);
      verify?.(body);
      return body;
    });
    const read = async (url: string, key: typeof first.key): Promise<Uint8Array> =>
      key ? new Uint8Array(await aes.load(url, key, signal)) : this.io.head(url, HEAD_BYTES, signal);
    const [init, head] = await Promise.all([
      playlist.initUrl ? read(playlist.initUrl, playlist.initKey) : undefined,
      read(first.url, first.key),
    ]);
    const start = readMediaStart(head, init);
    if (!start) throw new Error(`${first.url}: cannot read its first timestamp to place subtitles`);
    return start;
  }

  private async load(index: number, signal: AbortSignal): Promise<void> {
    const { renditions, mediaStart } = await this.master;
    const rendition = renditions[index];
    if (!rendition || signal.aborted) return;
    // Read beside the WebVTT playlist and first fragment, not before them: only placing the cues
    // needs it, and in sequence the chain was 5 round trips from a late choice to its first cue.
    const start = mediaStart();
    start.catch(() => undefined); // its failure is thrown where it is awaited
    let done = 0;
    let time = 0;
    for (;;) {
      const playlist = parsePlaylist(await this.io.text(rendition.url, signal));
      const fragments = playlist.segments;
      while (done < fragments.length && !signal.aborted) {
        if (time > this.horizon) await this.wakeup.wait(Infinity);
        if (signal.aborted || time > this.horizon) continue;
        const url = new URL(fragments[done]!.uri, rendition.url).href;
        const [text, media] = await Promise.all([this.io.text(url, signal), start]);
        const cues = await placeSubtitleCues(text, media, url);
        if (signal.aborted) return;
        this.cues = [...this.cues, ...cues];
        this.onCues();
        time += fragments[done]!.duration;
        done++;
      }
      if (signal.aborted || playlist.endList) return;
      await this.wakeup.wait(this.pollMs);
    }
  }
}

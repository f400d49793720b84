import type { SegmentSource } from './PlaybackEngine.js';
import { PlaybackError } from './PlaybackError.js';
import { fetchWithRetry } from './fetchWithRetry.js';
import type { RetryHooks } from './fetchWithRetry.js';
import { checkCodecSupport } from './checkCodecSupport.js';
import { checkFragmentStructure } from './checkFragmentStructure.js';
import { readSegmentPlaylist } from './readSegmentPlaylist.js';
import type { FragmentRef, SegmentPlaylist } from './readSegmentPlaylist.js';
import type { ParsedVariant } from 'm3u8-parser';
import { RenditionLadder } from './RenditionLadder.js';
import type { Rendition } from './RenditionLadder.js';
import { AesDecrypter } from './decrypt/AesDecrypter.js';
import { aesKeysFor } from './decrypt/AesKeyCache.js';
import { growPlaylist } from './growPlaylist.js';
import type { AssemblerIo, FragmentAssembler, ListedFragment, SegmentFetchHost } from './SegmentFetchHost.js';
import { Wakeup } from './Wakeup.js';

let nextId = 1;
/** Longest wait for the ladder's other playlists before the second fragment is chosen without them. */
const LADDER_WAIT_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longest a segment fetched ahead waits for a measured estimate before its first pick. */
const ESTIMATE_WAIT_MS = 1_000;
/** Consecutive failed re-reads of a growing playlist before the segment is given up. */
const GROWING_POLL_FAILURES = 5;

/**
 * Downloads one segment ahead of hls.js: playlist (re-read while it grows), init section,
 * then fragments in order up to `limitSeconds`: the init section alongside the first fragment,
 * each later one requested while the one before is in flight, so a round trip is not paid per
 * request. Each fragment is listed as soon as its bytes (and those before it) arrived: only
 * such "verified" fragments are in the virtual playlist, so hls.js never meets a 404.
 *
 * @example
 * const f = new SegmentFetch(source, 3, host); // prefetch 3 s
 * f.setLimit(30);                              // it was chosen: keep 30 s ahead
 */
export class SegmentFetch {
  readonly id = nextId++;
  playlist: SegmentPlaylist | null = null;
  verified: ListedFragment[] = [];
  failed = false;
  done = false;
  private readonly bytes = new Map<string, ArrayBuffer>();
  private readonly abortController = new AbortController();
  private readonly wakeup = new Wakeup();
  /** A master playlist's renditions (one for a media playlist): the next fragment's is chosen each time. */
  private ladder: RenditionLadder | null = null;
  private rendition: Rendition | null = null;
  /** The fragment asked for ahead of its turn (pipelining), dropped if the next pick switches rendition. */
  private ahead: string | null = null;
  /** Init and fragment downloads under way (at most this one and the next), by URL. */
  private readonly requests = new Map<string, Promise<ArrayBuffer>>();
  private pollFailures = 0;
  /** The loop waits growingPollMs for the playlist to grow (a longer limit does not cut it short). */
  private awaitingGrowth = false;
  /**
   * Fragments below this index were listed by a re-read after the loop had downloaded everything
   * listed and waited for growth: for them the render, not the link, limits the media ahead.
   */
  private listedAfterWait = 0;
  /** Bytes of the assembler's media (a separate audio rendition) not yet credited to a listed fragment. */
  private audioBytes = 0;
  /** Reads a playlist with this segment's retries and signal (set once the playlist is read). */
  private text: ((url: string) => Promise<string>) | null = null;
  /** False once `urgent()`: the fetch starts a timeline and picks its first rendition at once. */
  private waitsForEstimate = true;
  private stopWaiting: (() => void) | null = null;
  /** Set once the playlist is read, when the segment's bytes need more than repackaging. */
  assembler: FragmentAssembler | null = null;
  /** AES-128 media is decrypted here, before checks and repackaging (keys fetched once per engine). */
  private readonly aes = new AesDecrypter(
    (url, code, signal, verify) =>
      fetchWithRetry(url, 'arrayBuffer', code, this.host.retry, signal, this.hooks(verify)),
    () => aesKeysFor(this.host),
  );

  constructor(
    readonly source: SegmentSource,
    private limitSeconds: number,
    private readonly host: SegmentFetchHost,
    /** Fragments ending before this many seconds are listed without being fetched (restart). */
    private readonly skipBeforeSeconds = 0,
  ) {
    void this.run();
  }

  /**
   * Give the segment up with `error` (it cannot join the timeline it was queued on): nothing
   * of it stays listed. Reported as fatal for this segment, like a download that failed.
   */
  refuse(error: PlaybackError): void {
    if (this.failed) return;
    this.abort();
    this.failed = true;
    this.verified = [];
    this.host.onError(this, error, true);
  }

  /** True when every fragment there will ever be is verified (or it failed). */
  get finished(): boolean {
    return this.done || this.failed;
  }

  verifiedSeconds(): number {
    return this.verified.reduce((sum, f) => sum + f.duration, 0);
  }

  setLimit(seconds: number): void {
    this.limitSeconds = Math.max(this.limitSeconds, seconds);
    // A loop waiting for the playlist to grow has nothing a longer limit would let it fetch:
    // woken, it would re-read the playlist at every call (the engine's, each timeupdate) instead
    // of every growingPollMs.
    if (!this.awaitingGrowth) this.wakeup.wake();
  }

  /** Hand the bytes of `url` over once (then forget them: hls.js owns them now). */
  take(url: string): ArrayBuffer | undefined {
    const data = this.bytes.get(url);
    this.bytes.delete(url);
    return data;
  }

  cachedBytes(): number {
    let n = 0;
    for (const b of this.bytes.values()) n += b.byteLength;
    return n;
  }

  abort(): void {
    this.abortController.abort();
    this.bytes.clear();
    this.requests.clear();
    this.wakeup.wake();
    this.stopWaiting?.();
  }

  /**
   * This fetch starts a timeline (load, restart): nothing else is being downloaded to measure
   * the link by, so its first rendition is picked now (the safe first pick when unmeasured).
   */
  urgent(): void {
    this.waitsForEstimate = false;
    this.stopWaiting?.();
  }

  /**
   * A segment fetched ahead (a prefetched option, the segment queued next) waits, at most
   * ESTIMATE_WAIT_MS, for the estimate to rest on a measured download before its first pick:
   * the timeline's first fragment is being timed meanwhile, and a branch picked blind would
   * start on the lightest rendition and show it at the seam.
   */
  private async awaitEstimate(): Promise<void> {
    if (!this.waitsForEstimate || !this.host.whenMeasured) return;
    const stopped = new Promise<void>((resolve) => (this.stopWaiting = resolve));
    await Promise.race([this.host.whenMeasured(ESTIMATE_WAIT_MS), stopped]);
    this.stopWaiting = null;
  }

  get aborted(): boolean {
    return this.abortController.signal.aborted;
  }

  private async run(): Promise<void> {
    const signal = this.abortController.signal;
    const text = (url: string) =>
      fetchWithRetry(url, 'text', 'playlist-load-failed', this.host.playlistRetry, signal, this.hooks());
    try {
      await this.awaitEstimate();
      if (signal.aborted) return;
      let variants: ParsedVariant[] = [];
      let chosen: ParsedVariant | undefined;
      this.playlist = await readSegmentPlaylist(this.source.url, text, (all) => {
        variants = all;
        return (chosen = this.host.chooseVariant(all));
      });
      const masterUrl = new URL(this.source.url, document.baseURI).href;
      this.ladder = new RenditionLadder(masterUrl, variants, chosen ?? null, this.playlist);
      this.rendition = this.ladder.reference;
      if (this.ladder.switchable) this.ladder.prepare(text);
      this.assembler = (await this.host.assembler?.(this, this.assemblerIo(signal, text))) ?? null;
      this.text = text;
      while (!signal.aborted) {
        // The playlist polled while the segment grows is the one of the rendition it is on:
        // after a switch, the new one (the others are read only when the choice wants them).
        const current = this.rendition!;
        const playlist: SegmentPlaylist = current.playlist!;
        const next = playlist.fragments[this.verified.length];
        if (next && this.verifiedSeconds() < this.limitSeconds) {
          await this.fetchFragment(playlist, next, signal);
        } else if (!next && playlist.complete) {
          this.done = true;
          this.host.onChange(this);
          return;
        } else if (!next) {
          this.awaitingGrowth = true;
          await this.wakeup.wait(this.host.growingPollMs);
          this.awaitingGrowth = false;
          const reread = await this.reread(playlist.mediaUrl, text);
          if (!signal.aborted && reread !== null) current.playlist = growPlaylist(playlist, reread);
          this.listedAfterWait = current.playlist!.fragments.length;
          this.playlist = this.ladder.reference.playlist;
        } else {
          await this.wakeup.wait(Infinity);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      this.failed = true;
      const failure = error instanceof PlaybackError ? error : new PlaybackError('fragment-load-failed', String(error));
      this.host.onError(this, failure, true);
      this.host.onChange(this);
    }
  }

  private async fetchFragment(reference: SegmentPlaylist, next: FragmentRef, signal: AbortSignal): Promise<void> {
    const index = this.verified.length;
    const end = this.verifiedSeconds() + next.duration;
    // The rendition is chosen again at every fragment; an aligned one has the same span at `index`.
    // From the second fragment on, among all the ladder: its playlists were read meanwhile
    // (a playlist that does not answer holds the choice at most LADDER_WAIT_MS).
    if (index === 1) await Promise.race([this.ladder!.prepared, sleep(LADDER_WAIT_MS)]);
    if (signal.aborted) return;
    const rendition = await this.chooseRendition(index, next.duration, index < this.listedAfterWait, signal);
    if (signal.aborted) return;
    const playlist = rendition.playlist ?? reference;
    const fragment = playlist.fragments[index] ?? next;
    const listed: ListedFragment = {
      ...fragment,
      initUrl: playlist.initUrl,
      mediaUrl: playlist.mediaUrl,
      height: rendition.height,
      bandwidth: rendition.bandwidth,
    };
    if (end <= this.skipBeforeSeconds) {
      this.verified.push(listed);
      return;
    }
    // On a link the media nearly fills, what plays first downloads first (LinkPriority).
    await this.host.turn?.(this, signal);
    if (signal.aborted) return;
    // The init section travels with the rendition's first fetched fragment, not one round trip
    // before it. MPEG-TS has none (playlist.initUrl is empty).
    const init =
      rendition.initRequested || !playlist.initUrl ? undefined : this.request(playlist.initUrl, signal, 'init');
    rendition.initRequested = true;
    const data = this.request(fragment.url, signal, 'fragment');
    // Ask for the next fragment now, so its round trip overlaps this one's transfer (only when
    // the loop will want it anyway, and not beside the first: that one alone decides how soon
    // the segment can be spliced, and prefetched candidates already share the link). Not on a
    // link the media nearly fills: there the two would share the throughput and the fragment
    // needed first would arrive later (measured: a stall at 1.2 Mbps, bench/abr.bench.ts).
    const pipeline = this.host.pipeline?.(rendition.bandwidth, fragment.duration) ?? true;
    const after = this.verified.length > 0 && pipeline ? playlist.fragments[this.verified.length + 1] : undefined;
    this.ahead = after && end < this.limitSeconds ? after.url : null;
    if (this.ahead) void this.request(this.ahead, signal, 'fragment').catch(() => {});
    const last = playlist.complete && this.verified.length === playlist.fragments.length - 1;
    const parts = this.assembler?.forFragment(end - fragment.duration, end, last);
    const [initBytes, bytes] = await Promise.all([init, data]);
    this.requests.delete(fragment.url);
    if (signal.aborted) return;
    let initOut = initBytes && this.repackage(playlist.initUrl, initBytes);
    let out = this.repackage(fragment.url, bytes);
    if (parts)
      [initOut, out] = await Promise.all([initOut && parts.init(initOut, playlist.initUrl), parts.fragment(out)]);
    if (signal.aborted) return;
    if (initOut) this.bytes.set(playlist.initUrl, initOut);
    this.bytes.set(fragment.url, out);
    if (this.audioBytes > 0) [listed.audioBytes, this.audioBytes] = [this.audioBytes, 0];
    this.verified.push(listed);
    this.host.onChange(this);
  }

  /**
   * The rendition of fragment `index`: the host's choice, as far as the ladder lets it
   * (RenditionLadder.next: aligned, listed, read again while growing). Switching drops the
   * fragment asked for ahead in the old rendition (its download still counts in the estimate)
   * and asks for the new rendition's init section with its first fragment.
   */
  private async chooseRendition(
    index: number,
    fragmentSeconds: number,
    listingLimited: boolean,
    signal: AbortSignal,
  ): Promise<Rendition> {
    const ladder = this.ladder!;
    const current = this.rendition!;
    const choose = (usable: ParsedVariant[]) =>
      this.host.chooseVariant(usable, current.variant ?? undefined, fragmentSeconds, listingLimited);
    const wanted = await ladder.next(current, index, choose, this.text!);
    this.playlist = ladder.reference.playlist;
    if (signal.aborted || wanted === current) return current;
    if (this.ahead) this.requests.delete(this.ahead);
    current.initRequested = false;
    return (this.rendition = wanted);
  }

  /** One request per URL: a fragment asked for ahead is awaited, not fetched again. */
  private request(
    url: string,
    signal: AbortSignal,
    kind: 'init' | 'fragment' | 'audio',
    key = this.keyFor(url), // an assembler's own media (a separate audio rendition) names its key
  ): Promise<ArrayBuffer> {
    let pending = this.requests.get(url);
    if (!pending) {
      const started = performance.now();
      // Bytes that fail the check (garbage, a body cut short without a length) are retried here.
      const ts = !this.playlist?.initUrl;
      const verify = this.host.checkStructure
        ? (body: ArrayBuffer | string) => checkFragmentStructure(body as ArrayBuffer, kind, ts, url)
        : undefined;
      pending = this.aes.load(url, key, signal, verify);
      // Pipelined requests overlap, so this under-reads throughput a little: the safe side.
      pending.then(
        (bytes) => this.host.measure(url, bytes.byteLength, started),
        () => {},
      );
      this.requests.set(url, pending);
    }
    return pending;
  }

  /** The AES-128 key of this segment's init section or fragment `url` (none for clear media). */
  private keyFor(url: string) {
    const playlist = this.ladder?.owner(url).playlist ?? this.playlist;
    if (url === playlist?.initUrl) return playlist.initKey;
    return playlist?.fragments.find((f) => f.url === url)?.key;
  }

  /** Bytes of `url` fetched again (the cache handed them over and hls.js dropped them): decrypted and repackaged. */
  async refetch(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
    const bytes = this.repackage(url, await this.aes.load(url, this.keyFor(url), signal));
    if (!this.assembler) return bytes;
    // Muxed like the first time (a separate audio rendition): the same audio goes with it.
    const index = this.verified.findIndex((f) => f.url === url);
    const start = index < 0 ? null : this.verified.slice(0, index).reduce((t, f) => t + f.duration, 0);
    return this.assembler.refetch(bytes, url, start);
  }

  private assemblerIo(signal: AbortSignal, text: (url: string) => Promise<string>): AssemblerIo {
    const bytes: AssemblerIo['bytes'] = (url, kind, key) => {
      const pending = this.request(url, signal, kind, key);
      pending.finally(() => this.requests.delete(url)).catch(() => {});
      // Its media's bytes count in the media's rate (createAbr's mediaBps) with the next fragment listed.
      if (kind !== 'init') pending.then((b) => (this.audioBytes += b.byteLength)).catch(() => {});
      return pending;
    };
    return { bytes, text, pollMs: this.host.growingPollMs, signal };
  }

  private hooks(verify?: RetryHooks['verify']): RetryHooks {
    return {
      onRetry: (notice) => {
        if (!this.aborted) this.host.onRetry?.(this, notice);
      },
      onRecovered: (url, attempts) => {
        if (!this.aborted) this.host.onRecovered?.(this, url, attempts);
      },
      verify,
    };
  }

  /**
   * Bytes of this segment's init section or a fragment as hls.js must get them: fMP4 with
   * B-frames has its composition delay taken out (CompositionShift), so it splices like
   * `-bf 0` media; MPEG-TS passes as it is. In place; also used for bytes fetched again after
   * the back buffer dropped them.
   */
  repackage(url: string, data: ArrayBuffer): ArrayBuffer {
    if (!this.playlist?.initUrl || !this.ladder) return data;
    const { shift, playlist } = this.ladder.owner(url); // one delay per init section (rendition)
    if (url === playlist?.initUrl) {
      checkCodecSupport(data, url); // a codec this browser cannot decode: media-incompatible, never appended
      shift.init(data);
    } else shift.fragment(data);
    return data;
  }

  /**
   * Re-read a growing playlist. One failed poll is not the segment's end (the next poll may
   * work); only `GROWING_POLL_FAILURES` in a row are.
   */
  private async reread(url: string, text: (url: string) => Promise<string>): Promise<string | null> {
    try {
      const body = await text(url);
      this.pollFailures = 0;
      return body;
    } catch (error) {
      if (this.aborted || ++this.pollFailures >= GROWING_POLL_FAILURES) throw error;
      return null;
    }
  }
}

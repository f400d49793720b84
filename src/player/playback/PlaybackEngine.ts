/**
 * Public interface of the playback engine: the part of the player that owns the
 * `<video>` element, hls.js and the buffer. It splices segments onto one timeline
 * (one MediaSource, fragments appended behind EXT-X-DISCONTINUITY + a new EXT-X-MAP,
 * see docs/decisions/0001-seamless-splicing.md) and reports facts back. It never
 * decides story: the player tells it what comes next.
 */
import type { HlsConfig } from 'hls.js';
import type { Handler } from '../../core/events/EventHub.js';
import type { AudioTrackInfo } from './audio/AudioTrackInfo.js';

/** One story segment as the engine sees it. */
export interface SegmentSource {
  /** Story segment id; echoed back in events. */
  segmentId: string;
  /** Absolute or page-relative URL of the segment's HLS master or media playlist. */
  url: string;
  /** Declared duration in seconds (the playlist's own EXTINF sum wins once known). */
  durationSeconds: number;
}

/**
 * Why the engine could not do what it was asked; a player `error` event carries it as
 * `cause`. What each fault looks like to the viewer: docs/playback-faults.md.
 *
 * - `playlist-load-failed`: a segment's playlist could not be fetched after retries.
 * - `playlist-invalid`: the playlist is not usable HLS (no fragments, no init section…).
 * - `playlist-changed`: a growing (EVENT) playlist rewrote fragments already listed.
 * - `fragment-load-failed`: a fragment or init section could not be fetched after retries.
 * - `fragment-corrupt`: a fragment arrived whole but is not valid fMP4 / MPEG-TS, after retries.
 * - `key-load-failed`: an AES-128 key (EXT-X-KEY URI) could not be fetched after retries.
 * - `decrypt-failed`: an AES-128 fragment did not decrypt to valid media (wrong key or IV).
 * - `media-error`: the browser could not decode or append the media.
 * - `media-incompatible`: the media cannot be spliced here (no playable rendition, a separate
 *   EXT-X-MEDIA audio rendition that cannot be muxed in: MPEG-TS or packed audio, MPEG-TS after
 *   fMP4 or the reverse).
 * - `unsupported`: no MediaSource / hls.js in this browser.
 *
 * @example
 * player.on('error', ({ code, cause }) => { if (cause === 'fragment-corrupt') report(code); });
 */
export type PlaybackErrorCode =
  /** A segment's playlist could not be fetched (HTTP error, network, timeout) after retries. */
  | 'playlist-load-failed'
  /** A segment's playlist was fetched but is not usable HLS (no fragments, no init section...). */
  | 'playlist-invalid'
  /** A growing (EVENT) playlist rewrote fragments already listed, or its EXT-X-MAP, while being played. */
  | 'playlist-changed'
  /** A fragment or init section could not be fetched (HTTP error, network, timeout, cut short) after retries. */
  | 'fragment-load-failed'
  /** A fragment or init section arrived whole but is not valid fMP4 (garbage bytes), after retries. */
  | 'fragment-corrupt'
  /** An AES-128 key could not be fetched (or is not 16 bytes) after retries; the message names the key URL. */
  | 'key-load-failed'
  /** An AES-128 fragment does not decrypt to valid media with its playlist's key and IV. */
  | 'decrypt-failed'
  /** The browser could not decode/append the media. */
  | 'media-error'
  /** The media cannot be spliced here: no playable rendition, an audio rendition that cannot be muxed in, TS after fMP4. */
  | 'media-incompatible'
  /** MediaSource/hls.js is not available in this browser. */
  | 'unsupported';

/** Facts the engine reports. Payloads are plain data. */
export interface PlaybackEvents {
  /** Playback crossed into a segment (the first frame of it was presented). */
  segmentstart: { segmentId: string; mediaTime: number };
  /** The picture stopped because the buffer ran dry (after first play). */
  waiting: { segmentId: string | null; mediaTime: number };
  /** A `waiting` ended; `durationMs` is how long the picture was frozen. */
  stall: { segmentId: string | null; mediaTime: number; durationMs: number };
  /**
   * `holding: true`: after a `waiting` on a link the media nearly fills, the engine paused the
   * element to buffer up to the start-up goal before playing again (RebufferHold, ADR 0011): the
   * element reads `paused`, but the viewer did not pause; show buffering, not "paused".
   * `holding: false`: the hold ended (the engine plays again, or the viewer played or paused).
   */
  rebufferhold: { segmentId: string | null; mediaTime: number; holding: boolean };
  /**
   * Something failed. `fatal: false` means playback goes on: a queued segment that fails is
   * cut where its good media ends (or skipped) and what is queued after it follows; a failed
   * prefetch is reported too, so the player can steer away from that branch. `fatal: true`
   * means nothing can play (the first segment of `load`/`restartAt`, an unsupported browser,
   * an unrecoverable decode error).
   */
  error: { code: PlaybackErrorCode; message: string; segmentId?: string; fatal: boolean };
  /** The last segment (after `end()`) finished playing. */
  ended: { mediaTime: number };
  /**
   * A download failed and will be tried again in `delayMs` (`attempt` 1 is the first retry;
   * delays double up to `maxRetryDelayMs`). Playback goes on from the buffer meanwhile.
   */
  retry: { segmentId: string; url: string; attempt: number; delayMs: number; reason: string; code: PlaybackErrorCode };
  /** A download that had failed succeeded on attempt `attempts`: nothing was skipped. */
  recovered: { segmentId: string; url: string; attempts: number };
  /**
   * Another rendition of a master playlist's ladder is on screen from `mediaTime` on (its
   * first frame was presented): its picture `height` and `bandwidth` (BANDWIDTH, bits/s).
   * Renditions are chosen per fragment (ADR 0011), so it may change inside a segment.
   */
  renditionchange: { segmentId: string; height: number; bandwidth: number; mediaTime: number };
  /** The segment on screen has another list of audio renditions (`[]`, -1: its sound is muxed). */
  audiotrackschange: { segmentId: string; tracks: AudioTrackInfo[]; audioTrack: number };
  /** `setAudioTrack` took effect: rendition `audioTrack` plays from here on. */
  audiotrackswitch: { segmentId: string; audioTrack: number; track: AudioTrackInfo };
}

/** What the engine measured. Frame gaps use requestVideoFrameCallback. */
export interface PlaybackStats {
  /** load() → first presented frame, ms; null until then. */
  startupMs: number | null;
  /** Largest wall-clock interval between the two frames around any segment boundary of the session, ms. */
  maxBranchGapMs: number;
  /**
   * Per boundary, the last 100: wall-clock and media-time gap between last frame of A and
   * first frame of B (only the recent ones are kept, so a long session holds a fixed amount).
   */
  boundaries: Array<{ segmentId: string; wallGapMs: number; mediaGapMs: number; presentedDelta: number }>;
  /** Per queued segment, the last 100: queueNext() → its first fragment appended to the buffer, ms. */
  splices: Array<{ segmentId: string; queuedToBufferedMs: number }>;
  /** `waiting` events after the first frame. */
  stalls: number;
  /** Total frozen time across stalls, ms. */
  stallMs: number;
  droppedVideoFrames: number;
  totalVideoFrames: number;
  /**
   * What the engine holds now, for watching a long session stay flat: segments and fragments
   * listed in the virtual playlist (trimmed behind the back buffer), seconds of media in the
   * video's buffered ranges, and bytes fetched but not yet handed to hls.js (prefetches included).
   */
  held: { listedSegments: number; listedFragments: number; bufferedSeconds: number; pendingBytes: number };
  /** Renditions shown over time (each `renditionchange`, the last 100). */
  renditions: Array<{ segmentId: string; height: number; bandwidth: number; mediaTime: number }>;
  /**
   * The throughput estimate renditions are chosen by, bits/s (`measured: false`: no download
   * timed yet), and how many downloads were timed from Resource Timing and, without it (a
   * cross-origin response without Timing-Allow-Origin), from the fetch, and how many came from
   * the HTTP cache or a 304 (not the link: not counted in the estimate).
   */
  throughput: { bps: number; measured: boolean; resourceTiming: number; fetch: number; cached: number };
}

/** An xstate-compatible clock (`createActor(machine, { clock })`) that runs on media time. */
export interface MediaClock {
  /** Calls `fn` when the video's media time has advanced by `ms` (pauses with the video). */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): number;
  clearTimeout(id: unknown): void;
}

export interface PlaybackEngineOptions {
  /** Seconds of already-played media kept in the buffer. Default 30. */
  backBufferSeconds?: number;
  /** Seconds of queued media downloaded ahead of the playhead (and held until hls.js takes it). Default 30. */
  lookaheadSeconds?: number;
  /**
   * Throughput assumed before the first download is timed, bits/s. Default: none, so the first
   * fragment of a master playlist comes from its lightest rendition (within the box cap); the
   * choice is made again at every fragment once a download was timed (ADR 0011).
   */
  defaultBandwidthBps?: number;
  /**
   * When a master playlist's rendition is chosen: `'per-fragment'` (default) again at every
   * fragment, switching inside a segment where the ladder's fragments line up (ADR 0011);
   * `'per-segment'` once, at a segment's first fragment, kept for the whole segment.
   */
  abr?: 'per-fragment' | 'per-segment';
  /**
   * Device-pixel height the picture is shown at: no rendition taller than the smallest one
   * that fills it is fetched. `createPlayer` sets it from the stage's height × devicePixelRatio;
   * pass `engine: { maxVideoHeight: () => undefined }` to lift the cap (e.g. to fill a TV).
   */
  maxVideoHeight?: () => number | undefined;
  /**
   * Seconds of each prefetch candidate fetched ahead. Default 1: with candidates prefetched
   * from segment start, 1 s gave 0 stalls over 50 late choices at 8 Mbps and 39% fewer bytes
   * than 3 s (bench/playback.bench.ts; ADR 0001).
   */
  prefetchSeconds?: number;
  /** How often a still-growing (EVENT, no ENDLIST) segment playlist is re-read, ms. Default 500. */
  growingPollMs?: number;
  /** Retries for a failed playlist/fragment before an `error` event. Default 2. */
  retries?: number;
  /** Delay before the first retry, ms; doubled for each further one. Default 200. */
  retryDelayMs?: number;
  /** Longest delay between two attempts, ms. Default 4000. */
  maxRetryDelayMs?: number;
  /**
   * One fragment or init download's limit, ms: a server that stops answering (a hang, a
   * body that stops mid-way) counts as a failed attempt after this long. Default 10000.
   */
  fragmentTimeoutMs?: number;
  /** One playlist download's limit, ms. Default 2000. */
  playlistTimeoutMs?: number;
  /**
   * Extra hls.js config (advanced), typed as hls.js's own `HlsConfig`. The engine's own
   * settings win over these: its playlist and fragment loaders, `startPosition`,
   * `backBufferLength`, and the captions and level-capping switches it turns off.
   *
   * @example
   * createPlayer(el, { story, engine: { hlsConfig: { maxBufferHole: 0.2, debug: true } } });
   */
  hlsConfig?: Partial<HlsConfig>;
  /**
   * The viewer's audio language (BCP 47, e.g. 'fr'): an EXT-X-MEDIA audio rendition with
   * AUTOSELECT in that language is played. Default: the browser's `navigator.languages`;
   * without a match, the DEFAULT rendition.
   */
  audioLanguage?: string;
}

export interface PlaybackEngine {
  /** Start a new timeline with `first`; resolves once it is buffered and ready to play. */
  load(first: SegmentSource): Promise<void>;
  /** Splice `next` after the last queued segment. Call as soon as the choice is locked. */
  queueNext(next: SegmentSource): void;
  /** No more segments after the queued ones: playback ends after the last (fires `ended`). */
  end(): void;
  /** Warm the cache with the first seconds of segments that may come next. */
  prefetch(candidates: SegmentSource[]): void;
  /** Drop prefetches (and abort their fetches) for segments no longer reachable. */
  cancel(segmentIds: string[]): void;
  /** New timeline starting `offsetSeconds` into `source` (back / restore). */
  restartAt(source: SegmentSource, offsetSeconds: number): Promise<void>;
  play(): Promise<void>;
  pause(): void;
  /** Media-time clock for the story machine. */
  readonly clock: MediaClock;
  /**
   * Seconds of media played since playback entered the current segment. After
   * `restartAt(source, 2.5)` it counts from 0 at the restart point (add the offset for the
   * position inside the segment); after a splice it counts from the segment's first frame.
   */
  segmentTime(): number;
  /** Id of the segment now on screen, or null before the first frame. */
  currentSegmentId(): string | null;
  /** The segment on screen's EXT-X-MEDIA audio renditions; `[]` when its sound is muxed in. */
  audioTracks(): AudioTrackInfo[];
  /** Id of the rendition playing (index in `audioTracks()`), -1 when there is none to choose. */
  audioTrack(): number;
  /**
   * Play audio rendition `id` (and the same name/language in later segments): the timeline
   * restarts at the current position with it (a short rebuffer). Ignored for an unknown id.
   */
  setAudioTrack(id: number): Promise<void>;
  stats(): PlaybackStats;
  /**
   * Whether a download of `bytes` that is not media (e.g. the overlay's renderer code) may
   * use the link now without making the video wait (linkHasRoom): true on a link with room.
   */
  hasRoomFor(bytes: number): boolean;
  on<K extends keyof PlaybackEvents>(type: K, handler: Handler<PlaybackEvents[K]>): () => void;
  off<K extends keyof PlaybackEvents>(type: K, handler: Handler<PlaybackEvents[K]>): void;
  /** Destroy hls.js, release the MediaSource, cancel every timer and fetch. */
  destroy(): void;
}

export { createPlaybackEngine } from './createPlaybackEngine.js';

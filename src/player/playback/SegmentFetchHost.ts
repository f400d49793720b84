import type { ParsedVariant } from 'm3u8-parser';
import type { PlaybackError } from './PlaybackError.js';
import type { AesKeyRef } from './decrypt/AesKeyRef.js';
import type { RetryNotice, RetryPolicy } from './fetchWithRetry.js';
import type { FragmentRef } from './readSegmentPlaylist.js';
import type { SegmentFetch } from './SegmentFetch.js';

/** What a SegmentFetch may call: the engine's narrow host interface for downloads. */
export interface SegmentFetchHost {
  /** For fragments and init sections. */
  retry: RetryPolicy;
  /** For playlists (short: a growing one is re-read anyway). */
  playlistRetry: RetryPolicy;
  growingPollMs: number;
  /**
   * Which rendition of a master playlist the next fragment comes from: `current` is the one the
   * segment is on (undefined for its first fragment), `fragmentSeconds` the next fragment's length.
   * `listingLimited`: the fragment was listed only after the fetch had downloaded everything listed
   * and waited for the playlist to grow (the render, not the link, limits the media ahead).
   */
  chooseVariant(
    variants: ParsedVariant[],
    current?: ParsedVariant,
    fragmentSeconds?: number,
    listingLimited?: boolean,
  ): ParsedVariant | undefined;
  /**
   * Whether to ask for the next fragment while this one (`bandwidthBps` for `seconds` of media;
   * 0 when unknown) is in flight: yes unless the link is too slow for two at once. Default yes.
   */
  pipeline?(bandwidthBps: number, seconds: number): boolean;
  /**
   * Resolves when this fetch may request its next fragment (`onChange` or `onError` tells it
   * arrived): on a link the media nearly fills, what plays first downloads first (LinkPriority).
   * Default: at once.
   */
  turn?(fetch: SegmentFetch, signal: AbortSignal): Promise<void>;
  /** A media download finished (`startedAt`: performance.now() at its request), for the throughput estimate. */
  measure(url: string, bytes: number, startedAt: number): void;
  /**
   * Resolves once the throughput estimate rests on a measured download, or after `maxMs`: a
   * segment fetched ahead waits for it before picking its first rendition. Default: no wait.
   */
  whenMeasured?(maxMs: number): Promise<void>;
  /** More fragments were verified, or the playlist completed. */
  onChange(fetch: SegmentFetch): void;
  /** Failure: `fatal` for this segment means no more of it will come. */
  onError(fetch: SegmentFetch, error: PlaybackError, fatalForSegment: boolean): void;
  /** Check each init section and fragment is well-formed fMP4 before listing it (the engine does). */
  checkStructure?: boolean;
  /** A download failed and is about to be retried. */
  onRetry?(fetch: SegmentFetch, notice: RetryNotice): void;
  /** A retried download succeeded. */
  onRecovered?(fetch: SegmentFetch, url: string, attempts: number): void;
  /** Once the playlist is read: what turns its bytes into what hls.js gets (a separate audio rendition muxed in), if anything. */
  assembler?(fetch: SegmentFetch, io: AssemblerIo): Promise<FragmentAssembler | null>;
}

/** Downloads an assembler may make with this segment's retries, checks and signal. */
export interface AssemblerIo {
  /**
   * `audio`: a fragment of a separate MPEG-TS or packed-audio rendition (checked as either).
   * `key`: its AES-128 key, from its own playlist (else none, or the segment's own for its URL).
   */
  bytes(url: string, kind: 'init' | 'fragment' | 'audio', key?: AesKeyRef): Promise<ArrayBuffer>;
  text(url: string): Promise<string>;
  pollMs: number;
  signal: AbortSignal;
}

/**
 * Changes a segment's fetched init section and fragments before they are listed (audio/AlternateAudio
 * muxes a separate audio rendition in). `forFragment` is called before the video bytes arrive, so
 * its own downloads overlap them; `[start, end)` is the fragment's place in the segment, seconds.
 */
export interface FragmentAssembler {
  forFragment(
    start: number,
    end: number,
    last: boolean,
  ): {
    init(bytes: ArrayBuffer, url: string): Promise<ArrayBuffer>;
    fragment(bytes: ArrayBuffer): Promise<ArrayBuffer>;
  };
  /** An init section (`start` null) or the fragment at `start` fetched a second time (hls.js asked again). */
  refetch(bytes: ArrayBuffer, url: string, start: number | null): Promise<ArrayBuffer>;
}

/** A fragment as listed in the virtual playlist: with the init section and rendition it belongs to. */
export interface ListedFragment extends FragmentRef {
  /** Its rendition's EXT-X-MAP URI (empty for MPEG-TS). */
  initUrl: string;
  /** Its rendition's media playlist URL: which encode it is (TsTimeline keeps a timestamp base per TS rendition). */
  mediaUrl: string;
  /** Its rendition's picture height and BANDWIDTH (0 when the playlist does not say). */
  height: number;
  bandwidth: number;
  /** Bytes of a separate audio rendition downloaded with it (its assembler's), for the media's rate. */
  audioBytes?: number;
}

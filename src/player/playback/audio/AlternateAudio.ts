import { PlaybackError } from '../PlaybackError.js';
import { readSegmentPlaylist, toSegmentPlaylist, parsePlaylist } from '../readSegmentPlaylist.js';
import type { FragmentRef, SegmentPlaylist } from '../readSegmentPlaylist.js';
import { sleep } from '../../sleep.js';
import type { AesKeyRef } from '../decrypt/AesKeyRef.js';
import type { AudioRendition } from './AudioTrackInfo.js';
import { muxInitSections } from './muxInitSections.js';
import { muxFragments } from './muxFragments.js';
import { muxTsFragments } from './muxTsFragments.js';

/** How AlternateAudio downloads: the segment's own retrying, checking fetches. */
export interface AlternateAudioIo {
  /**
   * An init section or fragment (retried, structure-checked, counted for bandwidth); `audio`:
   * an MPEG-TS or packed-audio fragment (checked as either). `key`: AES-128, decrypted first.
   */
  bytes(url: string, kind: 'init' | 'fragment' | 'audio', key?: AesKeyRef): Promise<ArrayBuffer>;
  /** A playlist's text (retried). */
  text(url: string): Promise<string>;
  /** How often a growing audio playlist is re-read while the video is ahead of it, ms. */
  pollMs: number;
  signal: AbortSignal;
}

/** An audio fragment starting this little before its video fragment still goes with it (EXTINF rounding). */
const START_SLACK_S = 0.005;
/** Re-reads of a growing audio playlist, without it growing, before the segment is given up. */
const STALLED_POLLS = 20;

/**
 * The separate audio rendition of one segment (`EXT-X-MEDIA TYPE=AUDIO` with a URI), muxed
 * at box level into the video as the bytes arrive: the init sections become one (both
 * tracks), and each video fragment is followed by the audio fragments that start within it
 * (each audio fragment exactly once, in order: with the video fragment it overlaps first).
 * The result is muxed fMP4 like every other segment, so it splices with them on one
 * timeline and hls.js's light build (no audio-track controller) plays it (ADR 0012).
 *
 * @example
 * const audio = await AlternateAudio.open(rendition, videoPlaylist, io);
 * const parts = audio.forFragment(0, 1, false); // audio downloads start now
 * const init = await parts.init(videoInit);
 * const fragment = await parts.fragment(videoFragment);
 */
export class AlternateAudio {
  private initBytes: Promise<ArrayBuffer> | null = null;
  /** The ID the audio track got in the muxed init section: known once it is muxed (with the first fragment). */
  private readonly audioTrackId: Promise<number>;
  private setAudioTrackId: (id: number) => void = () => {};
  /** Next audio fragment not yet given to a video fragment. */
  private next = 0;
  /** Which audio fragments went with each video fragment, by its start time: for a refetch. */
  private readonly given = new Map<number, FragmentRef[]>();

  private constructor(
    readonly rendition: AudioRendition,
    private playlist: SegmentPlaylist,
    private readonly io: AlternateAudioIo,
    /** MPEG-TS video (its media playlist's URL) and MPEG-TS or packed audio: muxed as packets, no init section. */
    private readonly tsVideoUrl: string | null = null,
  ) {
    this.audioTrackId = new Promise((resolve) => (this.setAudioTrackId = resolve));
  }

  /**
   * Read the rendition's media playlist. fMP4 audio is muxed into fMP4 video (boxes), MPEG-TS
   * or packed-AAC audio into MPEG-TS video (packets); the other pairings are refused with
   * `media-incompatible` naming the URL and what to change. AES-128 audio is decrypted with the
   * keys of its own playlist (the segment's AesDecrypter, as for the video).
   */
  static async open(rendition: AudioRendition, video: SegmentPlaylist, io: AlternateAudioIo): Promise<AlternateAudio> {
    const playlist = await readSegmentPlaylist(rendition.url, io.text);
    const videoTs = !video.initUrl;
    const audioTs = !playlist.initUrl;
    if (videoTs !== audioTs)
      throw new PlaybackError(
        'media-incompatible',
        `${rendition.url}: the audio rendition "${rendition.name}" is ${audioTs ? 'packed audio or MPEG-TS (no EXT-X-MAP)' : 'fMP4'} ` +
          `but its video (${video.mediaUrl}) is ${videoTs ? 'MPEG-TS' : 'fMP4'}, which cannot be muxed together: package both ` +
          (videoTs ? 'as MPEG-TS (or packed AAC audio)' : 'as fMP4 (ffmpeg -hls_segment_type fmp4)'),
      );
    return new AlternateAudio(rendition, playlist, io, videoTs ? video.mediaUrl : null);
  }

  /**
   * Start the downloads that go with the video fragment `[start, end)` (seconds from the
   * segment's start; `last`: the video has no fragment after it, so it takes every audio
   * fragment left). Returns how to mux the video init section and the fragment once they arrived.
   */
  forFragment(
    start: number,
    end: number,
    last: boolean,
  ): {
    init(video: ArrayBuffer, videoUrl: string): Promise<ArrayBuffer>;
    fragment(video: ArrayBuffer): Promise<ArrayBuffer>;
  } {
    if (!this.tsVideoUrl) this.initBytes ??= this.io.bytes(this.playlist.initUrl, 'init', this.playlist.initKey);
    const init = this.initBytes;
    const refs = this.covering(start, end, last);
    const pending = refs.then((list) => Promise.all(list.map((f) => this.audioBytes(f))));
    pending.catch(() => {}); // awaited by fragment(); no unhandled rejection if the video failed first
    return {
      init: async (video, videoUrl) => {
        if (!init) return video; // MPEG-TS: no init section
        const muxed = muxInitSections(video, await init, videoUrl, this.playlist.initUrl);
        this.setAudioTrackId(muxed.audioTrackId);
        return muxed.bytes;
      },
      // After the init section is muxed (its download may end after the fragment's): the
      // audio moofs take the track ID it gave the audio. (Seen: without the wait, now and
      // then a fragment went out with track ID 0 and Chrome refused the append.)
      fragment: async (video) => {
        const list = await refs;
        this.given.set(start, list);
        if (this.tsVideoUrl) return this.muxTs(video, list, await pending);
        return muxFragments(
          video,
          await pending,
          await this.audioTrackId,
          list.map((f) => f.url),
        );
      },
    };
  }

  /**
   * Mux again a video init section (`start` null) or fragment fetched a second time (hls.js
   * asked for it again: a seek back past the back buffer, a media error recovery): the same
   * audio goes with it as the first time.
   */
  async refetch(video: ArrayBuffer, videoUrl: string, start: number | null): Promise<ArrayBuffer> {
    if (start === null) {
      if (this.tsVideoUrl) return video; // MPEG-TS has no init section
      this.initBytes ??= this.io.bytes(this.playlist.initUrl, 'init', this.playlist.initKey);
      return muxInitSections(video, await this.initBytes, videoUrl, this.playlist.initUrl).bytes;
    }
    // Start times are sums of EXTINF durations, added up in different orders: equal to a µs.
    const list = [...this.given].find(([at]) => Math.abs(at - start) < 1e-6)?.[1] ?? [];
    const audio = await Promise.all(list.map((f) => this.audioBytes(f)));
    if (this.tsVideoUrl) return this.muxTs(video, list, audio);
    return muxFragments(
      video,
      audio,
      await this.audioTrackId,
      list.map((f) => f.url),
    );
  }

  private audioBytes(fragment: FragmentRef): Promise<ArrayBuffer> {
    return this.io.bytes(fragment.url, this.tsVideoUrl ? 'audio' : 'fragment', fragment.key);
  }

  private muxTs(video: ArrayBuffer, list: FragmentRef[], audio: ArrayBuffer[]): ArrayBuffer {
    const fragments = audio.map((bytes, i) => ({ bytes, url: list[i]!.url }));
    return muxTsFragments(video, fragments, this.tsVideoUrl!);
  }

  /**
   * The audio fragments for the video fragment `[start, end)`: from the next not given, those
   * starting before `end` (all that are left when `last`). The first call (a restart
   * mid-segment starts at a later video fragment) also drops those starting before `start`:
   * hls.js places a fragment by its earliest sample over all tracks, so audio from before the
   * video would move the whole segment earlier on the timeline (measured: 1 s). The audio
   * then starts at the first audio fragment boundary at or after the video's (3 ms later
   * with ffmpeg's 1.0027 s AAC fragments).
   */
  private async covering(start: number, end: number, last: boolean): Promise<FragmentRef[]> {
    await this.listedUntil(last ? Infinity : end);
    const starts = this.starts();
    const taken: FragmentRef[] = [];
    const fragments = this.playlist.fragments;
    if (this.next === 0 && this.given.size === 0)
      while (this.next < fragments.length && starts[this.next]! < start - START_SLACK_S) this.next++;
    while (this.next < fragments.length && (last || starts[this.next]! < end - 1e-6))
      taken.push(fragments[this.next++]!);
    return taken;
  }

  private starts(): number[] {
    let t = 0;
    return this.playlist.fragments.map((f) => {
      const at = t;
      t += f.duration;
      return at;
    });
  }

  /** Wait until the audio playlist lists media up to `time` (or is complete), re-reading it while it grows. */
  private async listedUntil(time: number): Promise<void> {
    let stalled = 0;
    const listedEnd = () => this.playlist.fragments.reduce((t, f) => t + f.duration, 0);
    while (!this.playlist.complete && listedEnd() < time - 1e-6) {
      if (++stalled > STALLED_POLLS)
        throw new PlaybackError(
          'fragment-load-failed',
          `${this.playlist.mediaUrl}: the audio rendition stopped growing at ${listedEnd().toFixed(3)} s, behind its video`,
        );
      await sleep(this.io.pollMs, this.io.signal);
      const text = await this.io.text(this.playlist.mediaUrl);
      if (!text.endsWith('\n')) continue; // caught mid-write
      const reread = toSegmentPlaylist(parsePlaylist(text), this.playlist.mediaUrl);
      if (reread.fragments.length > this.playlist.fragments.length || reread.complete) {
        this.playlist = reread;
        stalled = 0;
      }
    }
  }
}

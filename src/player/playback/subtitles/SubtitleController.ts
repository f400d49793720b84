import type { SubtitleChoice } from './selectSubtitleTrack.js';
import { selectSubtitleTrack } from './selectSubtitleTrack.js';
import { SegmentSubtitles } from './SegmentSubtitles.js';
import type { SubtitleIO } from './subtitleIO.js';
import type { SubtitleCue, SubtitleRendition, SubtitleTrack } from './SubtitleTrack.js';

/** What the controller tells the player. */
export interface SubtitleListener {
  /** The segment on screen lists other tracks (or none). */
  tracksChanged(tracks: SubtitleTrack[]): void;
  /** Another track (or -1, none) is shown. */
  trackSwitched(id: number): void;
  /** The cues to show changed (segment time). */
  cuesChanged(cues: readonly SubtitleCue[]): void;
  /** A subtitle download or file of the segment at `masterUrl` failed: the video plays on without those subtitles. */
  failed(error: Error, masterUrl: string): void;
}

/**
 * The viewer's subtitles across a story: each segment has its own master playlist (so its own
 * renditions); the viewer's choice (a language and name, or off) is kept and matched again in
 * each segment (selectSubtitleTrack), so the language stays the same across splices.
 *
 * @example
 * const subs = new SubtitleController(subtitleIO, listener, () => ['fr', ...navigator.languages]);
 * subs.enter('https://cdn/s/intro/index.m3u8');
 * subs.select(1);
 */
export class SubtitleController {
  private segment: SegmentSubtitles | null = null;
  /** The segment spliced next, read ahead (its first subtitle fragment) so its first cue is not late. */
  private prepared: { url: string; segment: SegmentSubtitles } | null = null;
  private renditions: SubtitleRendition[] = [];
  private index = -1;
  private entered = 0;

  constructor(
    private readonly io: SubtitleIO,
    private readonly listener: SubtitleListener,
    private readonly languages: () => readonly string[],
    private choice: SubtitleChoice = { mode: 'auto' },
  ) {}

  /** The tracks of the segment on screen. */
  get tracks(): SubtitleTrack[] {
    return this.renditions.map((r, id) => ({ id, name: r.name, lang: r.lang, default: r.default, forced: r.forced }));
  }

  /**
   * The track the viewer has on (-1: off). A FORCED track shown while subtitles are off is
   * not "on": it reads -1, like hls.js's `subtitleTrack`.
   */
  get track(): number {
    return this.choice.mode === 'off' ? -1 : this.index;
  }

  /** The viewer's choice, to keep with their progress. */
  get preference(): SubtitleChoice {
    return { ...this.choice };
  }

  /** Take a saved choice (a restored place): applied to the segment on screen and later ones. */
  prefer(choice: SubtitleChoice): void {
    const before = this.track;
    this.choice = { ...choice };
    this.apply(selectSubtitleTrack(this.renditions, this.choice, this.languages()), before);
  }

  /** A segment started: read its subtitle renditions and show the one the viewer's choice picks. */
  enter(masterUrl: string): void {
    this.segment?.destroy();
    const prepared = this.prepared?.url === masterUrl ? this.prepared.segment : null;
    if (!prepared) this.prepared?.segment.destroy();
    this.prepared = null;
    const entered = ++this.entered;
    const segment = prepared ?? this.make(masterUrl);
    this.segment = segment;
    this.listener.cuesChanged(segment.cues);
    void segment.renditions.then((renditions) => {
      if (entered !== this.entered) return;
      const listed = JSON.stringify(this.tracks);
      this.renditions = renditions;
      if (JSON.stringify(this.tracks) !== listed) this.listener.tracksChanged(this.tracks);
      this.apply(selectSubtitleTrack(renditions, this.choice, this.languages()));
    });
  }

  /**
   * The segment queued to play next: read its renditions and the first fragment of the track
   * the viewer's choice picks now, so its cues are there when it starts (a late pick is
   * fetched again on `enter`).
   */
  prepare(masterUrl: string): void {
    if (this.prepared?.url === masterUrl) return;
    this.prepared?.segment.destroy();
    const segment = this.make(masterUrl);
    this.prepared = { url: masterUrl, segment };
    void segment.renditions.then((renditions) => {
      if (this.prepared?.segment === segment)
        segment.show(selectSubtitleTrack(renditions, this.choice, this.languages()));
    });
  }

  /** Show track `id` of the segment on screen, or none (-1); kept for later segments. */
  select(id: number): void {
    const before = this.track;
    const rendition = this.renditions[id];
    if (!rendition && id !== -1) return; // not a track of this segment (hls.js ignores it too)
    this.choice = rendition ? { mode: 'on', lang: rendition.lang, name: rendition.name } : { mode: 'off' };
    this.apply(rendition ? id : selectSubtitleTrack(this.renditions, this.choice, this.languages()), before);
  }

  /** Fetch cues up to this many seconds into the segment on screen. */
  setHorizon(seconds: number): void {
    this.segment?.setHorizon(seconds);
  }

  destroy(): void {
    this.segment?.destroy();
    this.segment = null;
    this.prepared?.segment.destroy();
    this.prepared = null;
  }

  /** A segment's subtitles; its cues reach the listener only while it is the one on screen. */
  private make(masterUrl: string): SegmentSubtitles {
    const segment: SegmentSubtitles = new SegmentSubtitles(
      masterUrl,
      this.io,
      () => {
        if (this.segment === segment) this.listener.cuesChanged(segment.cues);
      },
      (error) => this.listener.failed(error, masterUrl),
    );
    return segment;
  }

  /** Show rendition `index`; `before` is the track the API read before the choice changed. */
  private apply(index: number, before = this.track): void {
    this.index = index;
    this.segment?.show(index);
    if (this.track !== before) this.listener.trackSwitched(this.track);
  }
}

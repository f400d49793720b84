import type { SegmentFetch } from '../SegmentFetch.js';
import type { AssemblerIo, FragmentAssembler } from '../SegmentFetchHost.js';
import { AlternateAudio } from './AlternateAudio.js';
import type { AudioPreference, AudioTrackInfo } from './AudioTrackInfo.js';
import { chooseAudioRendition } from './chooseAudioRendition.js';

/**
 * The engine's audio choice across segments: which rendition each segment plays (the
 * viewer's last switch, else their languages, AUTOSELECT, DEFAULT, first) and, for a separate
 * rendition, the AlternateAudio that muxes it into the segment's fragments.
 *
 * @example
 * const audio = new AudioSelection(() => ['fr', ...navigator.languages]);
 * fetchHost.assembler = (fetch, io) => audio.open(fetch, io);
 * audio.tracksOf(fetch); // { tracks: [...], audioTrack: 1 }
 */
export class AudioSelection {
  /** Set by a switch: later segments pick the same name/language when they have it. */
  preference: AudioPreference = {};
  private readonly bySegment = new WeakMap<SegmentFetch, { tracks: AudioTrackInfo[]; audioTrack: number }>();

  constructor(private readonly languages: () => readonly string[]) {}

  /** SegmentFetchHost.assembler: choose the segment's rendition; a separate one is muxed in. */
  async open(fetch: SegmentFetch, io: AssemblerIo): Promise<FragmentAssembler | null> {
    const playlist = fetch.playlist;
    const renditions = playlist?.audio ?? [];
    if (!playlist || renditions.length === 0) return null;
    const audioTrack = chooseAudioRendition(renditions, this.preference, this.languages());
    const tracks = renditions.map(({ id, name, lang, default: isDefault, autoselect }) => ({
      id,
      name,
      lang,
      default: isDefault,
      autoselect,
    }));
    this.bySegment.set(fetch, { tracks, audioTrack });
    const rendition = renditions[audioTrack]!;
    // No URI: that rendition is the audio muxed into the variant itself.
    return rendition.url ? AlternateAudio.open(rendition, playlist, io) : null;
  }

  /** The segment's audio renditions and the one it plays (empty and -1: its sound is muxed, nothing to choose). */
  tracksOf(fetch: SegmentFetch | undefined): { tracks: AudioTrackInfo[]; audioTrack: number } {
    return (fetch && this.bySegment.get(fetch)) ?? { tracks: [], audioTrack: -1 };
  }
}

/** The viewer's languages: the `audioLanguage` option first, then the browser's. */
export function viewerLanguages(audioLanguage: string | undefined): string[] {
  const browser = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? [navigator.language])];
  return [...(audioLanguage ? [audioLanguage] : []), ...browser].filter(Boolean);
}

import { describe, expect, it } from 'vitest';
import { chooseAudioRendition } from '../../../src/player/playback/audio/chooseAudioRendition.js';
import type { AudioTrackInfo } from '../../../src/player/playback/audio/AudioTrackInfo.js';

const track = (id: number, name: string, lang: string, flags: Partial<AudioTrackInfo> = {}): AudioTrackInfo => ({
  id,
  name,
  lang,
  default: false,
  autoselect: true,
  ...flags,
});
const tracks = [
  track(0, 'English', 'en', { default: true }),
  track(1, 'Français', 'fr'),
  track(2, 'English (commentary)', 'en', { autoselect: false }),
  track(3, 'Deutsch', 'de', { autoselect: false }),
];

describe('chooseAudioRendition: the viewer’s switch, then their languages (AUTOSELECT), then DEFAULT, then the first', () => {
  it('the viewer’s last switch by name and language, then by language', () => {
    expect(chooseAudioRendition(tracks, { name: 'English (commentary)', lang: 'en' }, ['fr'])).toBe(2);
    expect(chooseAudioRendition(tracks, { name: 'Français (other master)', lang: 'fr' }, ['en'])).toBe(1);
  });

  it('the first language with an AUTOSELECT rendition, matched on its primary subtag', () => {
    expect(chooseAudioRendition(tracks, {}, ['fr-CA', 'en'])).toBe(1);
    expect(chooseAudioRendition(tracks, {}, ['ja', 'fr'])).toBe(1);
    // German is not AUTOSELECT: only played when asked for; DEFAULT instead.
    expect(chooseAudioRendition(tracks, {}, ['de'])).toBe(0);
    expect(chooseAudioRendition(tracks, { lang: 'de' }, [])).toBe(3);
  });

  it('DEFAULT, then the first; -1 when there is nothing to choose', () => {
    expect(chooseAudioRendition(tracks, {}, [])).toBe(0);
    expect(chooseAudioRendition([track(0, 'A', 'xx'), track(1, 'B', 'yy', { default: true })], {}, [])).toBe(1);
    expect(chooseAudioRendition([track(0, 'A', 'xx'), track(1, 'B', 'yy')], {}, ['zz'])).toBe(0);
    expect(chooseAudioRendition([], {}, ['en'])).toBe(-1);
  });
});

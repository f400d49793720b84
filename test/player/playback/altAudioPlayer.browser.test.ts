// The player's audio track API over a story whose second segment's sound is an EXT-X-MEDIA
// audio rendition (test/media/beep-alt: English and Français; beep-muxed: sound muxed in):
// the list and events as the segment on screen changes, a switch through `player.audioTrack`
// and through the tracks menu, and the story going on to its ending after it.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayerOptions } from '../../../src/player/setup/PlayerOptions.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import { closePlayer, next, opened, openPlayer } from '../player/helpers.js';

afterEach(closePlayer);

const story = {
  offshoot: 1,
  id: 'alt-audio',
  title: 'Alternate audio',
  start: 'a',
  state: {},
  segments: {
    a: { media: 'media/beep-muxed/index.m3u8', duration: 3, next: 'b' },
    b: { media: 'media/beep-alt/index.m3u8', duration: 3, end: true },
  },
};

async function open(options: Partial<PlayerOptions> = {}) {
  const lists: Array<PlayerEvents['audiotrackschange']> = [];
  const switches: Array<PlayerEvents['audiotrackswitch']> = [];
  const errors: Array<PlayerEvents['error']> = [];
  const player = await openPlayer({
    story,
    baseUrl: '/test/',
    autoplay: true,
    muted: true,
    on: {
      audiotrackschange: (e) => lists.push(e),
      audiotrackswitch: (e) => switches.push(e),
      error: (e) => errors.push(e),
    },
    ...options,
  });
  return { p: player, lists, switches, errors };
}

const TRACKS = [
  { id: 0, name: 'English', lang: 'en', default: true, autoselect: true },
  { id: 1, name: 'Français', lang: 'fr', default: false, autoselect: true },
];

describe('player.audioTracks / audioTrack', () => {
  it('lists the segment on screen’s renditions, switches with audioTrack = id, and the story still ends', async () => {
    const { p, lists, switches, errors } = await open();
    expect(p.audioTracks).toEqual([]); // segment a: sound muxed in, nothing to choose
    expect(p.audioTrack).toBe(-1);
    await next(p, 'audiotrackschange', (e) => e.tracks.length > 0, 20_000); // on entering b
    expect(lists).toEqual([{ tracks: TRACKS, audioTrack: 0 }]);
    expect(p.audioTracks).toEqual(TRACKS);
    expect(p.audioTrack).toBe(0);
    const switched = next(p, 'audiotrackswitch', () => true, 20_000);
    p.audioTrack = 1;
    expect(await switched).toEqual({ id: 1, track: TRACKS[1] });
    expect(p.audioTrack).toBe(1);
    await next(p, 'ended', () => true, 20_000);
    expect(switches).toEqual([{ id: 1, track: TRACKS[1] }]);
    expect(errors).toEqual([]);
  });

  it('audioLanguage picks the rendition; an unknown id is ignored', async () => {
    const { p, lists } = await open({ audioLanguage: 'fr' });
    await next(p, 'audiotrackschange', (e) => e.tracks.length > 0, 20_000);
    expect(lists.at(-1)).toEqual({ tracks: TRACKS, audioTrack: 1 });
    const switches: unknown[] = [];
    p.on('audiotrackswitch', (e) => switches.push(e));
    p.audioTrack = 7; // not a track of b: nothing restarts
    await next(p, 'ended', () => true, 20_000);
    expect(p.audioTrack).toBe(1);
    expect(switches).toEqual([]);
  });

  it('the tracks menu lists the audio renditions and switches on a click', async () => {
    const { p, switches } = await open();
    await next(p, 'audiotrackschange', (e) => e.tracks.length > 0, 20_000);
    const items = [...opened.container!.querySelectorAll<HTMLElement>('[role="menuitemradio"]')].filter((el) =>
      /Français|English/.test(el.textContent ?? ''),
    );
    expect(items.map((el) => el.textContent)).toEqual([
      expect.stringContaining('English'),
      expect.stringContaining('Français'),
    ]);
    const switched = next(p, 'audiotrackswitch', () => true, 20_000);
    items[1]!.click();
    await switched;
    expect(switches).toEqual([{ id: 1, track: TRACKS[1] }]);
  });
});

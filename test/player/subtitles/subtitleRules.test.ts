import { describe, expect, it } from 'vitest';
import { parsePlaylist } from '../../../src/player/playback/readSegmentPlaylist.js';
import { readSubtitleRenditions } from '../../../src/player/playback/subtitles/readSubtitleRenditions.js';
import { selectSubtitleTrack } from '../../../src/player/playback/subtitles/selectSubtitleTrack.js';
import type { SubtitleRendition } from '../../../src/player/playback/subtitles/SubtitleTrack.js';

const MASTER = [
  '#EXTM3U',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="subs/en.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Français",LANGUAGE="fr",AUTOSELECT=YES,URI="subs/fr.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Deutsch",LANGUAGE="de",AUTOSELECT=NO,URI="subs/de.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English (forced)",LANGUAGE="en",FORCED=YES,URI="subs/en-forced.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="avc1.64001e",SUBTITLES="subs"',
  'video/media.m3u8',
  '',
].join('\n');

const renditions = readSubtitleRenditions(parsePlaylist(MASTER), 'https://cdn.example/s/intro/index.m3u8');

describe('readSubtitleRenditions', () => {
  it('lists the variant group with its attributes and absolute URLs', () => {
    expect(renditions.map((r) => [r.name, r.lang, r.default, r.autoselect, r.forced])).toEqual([
      ['English', 'en', true, true, false],
      ['Français', 'fr', false, true, false],
      ['Deutsch', 'de', false, false, false],
      ['English (forced)', 'en', false, false, true],
    ]);
    expect(renditions[1]!.url).toBe('https://cdn.example/s/intro/subs/fr.m3u8');
  });

  it('is empty when no variant names a SUBTITLES group', () => {
    const plain = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001e"\nv.m3u8\n';
    expect(readSubtitleRenditions(parsePlaylist(plain), 'https://x/index.m3u8')).toEqual([]);
  });
});

describe('selectSubtitleTrack', () => {
  const pick = (...args: Parameters<typeof selectSubtitleTrack>) => renditions[selectSubtitleTrack(...args)]?.name;

  it('auto: the first preferred language among AUTOSELECT renditions', () => {
    expect(pick(renditions, { mode: 'auto' }, ['fr-CA', 'en'])).toBe('Français');
    expect(pick(renditions, { mode: 'auto' }, ['en-GB'])).toBe('English');
  });

  it('auto: a language without AUTOSELECT is not picked by preference; DEFAULT is', () => {
    expect(pick(renditions, { mode: 'auto' }, ['de'])).toBe('English');
  });

  it('off: only a FORCED rendition in a preferred language shows', () => {
    expect(pick(renditions, { mode: 'off' }, ['en'])).toBe('English (forced)');
    expect(selectSubtitleTrack(renditions, { mode: 'off' }, ['fr'])).toBe(-1);
  });

  it('on: the chosen language and name carry to another segment, matched by language first', () => {
    const next: SubtitleRendition[] = [
      { ...renditions[0]!, name: 'English CC' },
      { ...renditions[2]!, name: 'German' },
    ];
    expect(next[selectSubtitleTrack(next, { mode: 'on', lang: 'de', name: 'Deutsch' }, ['en'])]?.name).toBe('German');
    expect(pick(renditions, { mode: 'on', lang: 'de', name: 'Deutsch' }, ['en'])).toBe('Deutsch');
  });

  it('on: a language this segment lacks falls back to the auto rules', () => {
    expect(pick(renditions, { mode: 'on', lang: 'ja', name: '日本語' }, ['fr'])).toBe('Français');
  });
});

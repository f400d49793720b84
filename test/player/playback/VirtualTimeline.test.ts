// The virtual playlist is checked with the same parser the engine reads segments with.
import { describe, expect, it } from 'vitest';
import { VirtualTimeline } from '../../../src/player/playback/VirtualTimeline.js';
import type { SegmentFetch } from '../../../src/player/playback/SegmentFetch.js';
import { parsePlaylist, toSegmentPlaylist } from '../../../src/player/playback/readSegmentPlaylist.js';

let ids = 100;
/** The part of a SegmentFetch the timeline reads. */
function fakeFetch(
  name: string,
  fragments: number,
  state: 'done' | 'growing' | 'failed' = 'done',
  /** From this fragment on, the 720p rendition (ABR switch inside the segment). */
  switchAt = Infinity,
): SegmentFetch {
  const verified = Array.from({ length: fragments }, (_, i) => {
    const folder = i >= switchAt ? `${name}/720p` : name;
    return {
      url: `https://cdn.test/${folder}/seg_${i}.m4s`,
      duration: 1,
      initUrl: `https://cdn.test/${folder}/init.mp4`,
    };
  });
  return {
    id: ids++,
    source: { segmentId: name, url: `https://cdn.test/${name}/index.m3u8`, durationSeconds: fragments },
    playlist: {
      mediaUrl: '',
      initUrl: `https://cdn.test/${name}/init.mp4`,
      fragments: verified,
      complete: state !== 'growing',
    },
    verified,
    failed: state === 'failed',
    done: state === 'done',
    finished: state !== 'growing',
    verifiedSeconds: () => verified.length,
  } as unknown as SegmentFetch;
}

describe('VirtualTimeline', () => {
  it('lists a rendition change inside a segment as a new EXT-X-MAP at that fragment, without a discontinuity', () => {
    const t = new VirtualTimeline();
    t.append(fakeFetch('intro', 2));
    t.append(fakeFetch('ladder', 4, 'done', 2));
    const parsed = parsePlaylist(t.render());
    expect(parsed.segments.map((s) => s.discontinuity ?? false)).toEqual([false, false, true, false, false, false]);
    expect(parsed.segments.map((s) => s.map?.uri.replace(/#o=\d+$/, ''))).toEqual([
      'https://cdn.test/intro/init.mp4',
      'https://cdn.test/intro/init.mp4',
      'https://cdn.test/ladder/init.mp4',
      'https://cdn.test/ladder/init.mp4',
      'https://cdn.test/ladder/720p/init.mp4',
      'https://cdn.test/ladder/720p/init.mp4',
    ]);
    expect(t.render().match(/#EXT-X-MAP/g)).toHaveLength(3);
  });

  it('lists each segment behind DISCONTINUITY + its own MAP, with start times, ENDLIST only after end()', () => {
    const t = new VirtualTimeline();
    t.append(fakeFetch('intro', 4));
    t.append(fakeFetch('forest', 2));
    let parsed = parsePlaylist(t.render());
    expect(parsed.endList).toBeFalsy();
    expect(parsed.mediaSequence).toBe(0);
    expect(parsed.segments.map((s) => s.discontinuity ?? false)).toEqual([false, false, false, false, true, false]);
    expect(parsed.segments[4]!.map!.uri).toMatch(/forest\/init\.mp4#o=\d+$/);
    expect(t.visible().map((e) => [e.fetch.source.segmentId, e.start])).toEqual([
      ['intro', 0],
      ['forest', 4],
    ]);
    expect(t.render()).toContain('CAN-BLOCK-RELOAD=YES');
    t.end();
    parsed = parsePlaylist(t.render());
    expect(parsed.endList).toBe(true);
    expect(t.render()).not.toContain('CAN-BLOCK-RELOAD');
  });

  it('a growing segment blocks the ones after it; a failed one is cut where its media ends', () => {
    const t = new VirtualTimeline();
    t.append(fakeFetch('intro', 2));
    t.append(fakeFetch('generated', 1, 'growing'));
    t.append(fakeFetch('lantern', 2));
    expect(t.visible().map((e) => e.fetch.source.segmentId)).toEqual(['intro', 'generated']);
    const u = new VirtualTimeline();
    u.append(fakeFetch('intro', 2));
    u.append(fakeFetch('broken', 1, 'failed'));
    u.append(fakeFetch('nothing', 0, 'failed'));
    u.append(fakeFetch('lantern', 2));
    u.end();
    expect(u.visible().map((e) => [e.fetch.source.segmentId, e.start])).toEqual([
      ['intro', 0],
      ['broken', 2],
      ['lantern', 3],
    ]);
    expect(parsePlaylist(u.render()).segments).toHaveLength(5);
  });
});

describe('VirtualTimeline.trimBefore', () => {
  it('drops finished segments behind the horizon and counts them in MEDIA-SEQUENCE and DISCONTINUITY-SEQUENCE', () => {
    const t = new VirtualTimeline();
    for (const [name, n] of [
      ['intro', 4],
      ['a', 3],
      ['b', 3],
      ['c', 2],
    ] as const)
      t.append(fakeFetch(name, n));
    const before = t.visible().map((e) => [e.fetch.source.segmentId, e.start]);
    expect(t.trimBefore(7.5)).toBe(2); // intro ends at 4, a at 7; b (7–10) is still in the window
    expect(t.visible().map((e) => [e.fetch.source.segmentId, e.start])).toEqual(before.slice(2));
    const parsed = parsePlaylist(t.render());
    expect(parsed.mediaSequence).toBe(7); // intro's 4 + a's 3 fragments
    expect(parsed.discontinuitySequence).toBe(2);
    expect(parsed.segments.map((s) => s.discontinuity ?? false)).toEqual([false, false, false, true, false]);
    expect(parsed.segments[0]!.uri).toMatch(/\/b\/seg_0\.m4s#o=\d+$/);
    // A later render keeps numbering from there, so hls.js lines the reload up by sequence number.
    t.append(fakeFetch('d', 2));
    expect(parsePlaylist(t.render()).mediaSequence).toBe(7);
  });

  it('keeps the last visible segment and never passes one that is still growing', () => {
    const t = new VirtualTimeline();
    t.append(fakeFetch('intro', 2));
    t.append(fakeFetch('a', 2));
    expect(t.trimBefore(100)).toBe(1);
    expect(t.visible().map((e) => e.fetch.source.segmentId)).toEqual(['a']);
    const u = new VirtualTimeline();
    u.append(fakeFetch('generated', 2, 'growing'));
    u.append(fakeFetch('a', 2));
    expect(u.trimBefore(100)).toBe(0);
    expect(u.entries).toHaveLength(2);
  });

  it('drops failed segments that never listed a fragment without counting them', () => {
    const t = new VirtualTimeline();
    t.append(fakeFetch('intro', 2));
    t.append(fakeFetch('nothing', 0, 'failed'));
    t.append(fakeFetch('a', 2));
    expect(t.trimBefore(3)).toBe(1);
    expect(t.entries.map((e) => e.fetch.source.segmentId)).toEqual(['a']);
    const parsed = parsePlaylist(t.render());
    expect([parsed.mediaSequence, parsed.discontinuitySequence]).toEqual([2, 1]);
  });
});

describe('toSegmentPlaylist', () => {
  const media = (body: string) => parsePlaylist(`#EXTM3U\n#EXT-X-TARGETDURATION:1\n${body}`);
  it('makes URLs absolute and reports completeness', () => {
    const p = toSegmentPlaylist(
      media('#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1,\nseg_0.m4s\n#EXT-X-ENDLIST\n'),
      'https://cdn.test/a/media.m3u8',
    );
    expect(p).toEqual({
      mediaUrl: 'https://cdn.test/a/media.m3u8',
      initUrl: 'https://cdn.test/a/init.mp4',
      fragments: [{ url: 'https://cdn.test/a/seg_0.m4s', duration: 1 }],
      complete: true,
    });
  });
  it('accepts MPEG-TS fragments (no EXT-X-MAP): no init section to fetch', () => {
    const p = toSegmentPlaylist(media('#EXTINF:1,\nseg_0.ts\n#EXT-X-ENDLIST\n'), 'https://cdn.test/ts.m3u8');
    expect(p.initUrl).toBe('');
    expect(p.fragments).toEqual([{ url: 'https://cdn.test/seg_0.ts', duration: 1 }]);
  });
  it('refuses what cannot be spliced, naming the playlist and the fix', () => {
    expect(() =>
      toSegmentPlaylist(media('#EXTINF:1,\nseg_0.m4s\n#EXT-X-ENDLIST\n'), 'https://cdn.test/f.m3u8'),
    ).toThrow(/f\.m3u8: fMP4 fragments but no EXT-X-MAP/);
    expect(() => toSegmentPlaylist(media('#EXT-X-ENDLIST\n'), 'https://cdn.test/empty.m3u8')).toThrow(
      /empty\.m3u8: no fragments/,
    );
    expect(() =>
      toSegmentPlaylist(
        media('#EXT-X-MAP:URI="i.mp4"\n#EXTINF:1,\na.m4s\n#EXT-X-DISCONTINUITY\n#EXTINF:1,\nb.m4s\n'),
        'https://cdn.test/d.m3u8',
      ),
    ).toThrow(/discontinuity/);
  });
});

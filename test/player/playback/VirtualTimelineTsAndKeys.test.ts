// What the virtual playlist lists for MPEG-TS timelines (one continuous stream: no
// discontinuity, ADR 0010) and for EME-encrypted segments (their key tags, METHOD=NONE after,
// ADR 0014). Checked with hls.js's reading in mind: plain text assertions on the tags.
import { describe, expect, it } from 'vitest';
import { VirtualTimeline } from '../../../src/player/playback/VirtualTimeline.js';
import type { SegmentFetch } from '../../../src/player/playback/SegmentFetch.js';
import { parsePlaylist } from '../../../src/player/playback/readSegmentPlaylist.js';

let ids = 500;
/** The part of a finished SegmentFetch the timeline reads. */
function fakeFetch(name: string, fragments: number, kind: 'ts' | 'fmp4', drmKeys?: string[]): SegmentFetch {
  const initUrl = kind === 'ts' ? '' : `https://cdn.test/${name}/init.mp4`;
  const ext = kind === 'ts' ? 'ts' : 'm4s';
  const verified = Array.from({ length: fragments }, (_, i) => ({
    url: `https://cdn.test/${name}/seg_${i}.${ext}`,
    duration: 1,
    initUrl,
  }));
  return {
    id: ids++,
    source: { segmentId: name, url: `https://cdn.test/${name}/index.m3u8`, durationSeconds: fragments },
    playlist: { mediaUrl: '', initUrl, fragments: verified, complete: true, drmKeys },
    verified,
    failed: false,
    done: true,
    finished: true,
    verifiedSeconds: () => verified.length,
  } as unknown as SegmentFetch;
}

const KEY =
  '#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="org.w3.clearkey",URI="data:text/plain;base64,ASNFZ4mrze8BI0VniavN7w=="';

describe('VirtualTimeline', () => {
  it('lists MPEG-TS segments as one stream: no EXT-X-DISCONTINUITY, and none counted when trimmed', () => {
    const t = new VirtualTimeline();
    for (const name of ['a', 'b', 'c']) t.append(fakeFetch(name, 2, 'ts'));
    t.end();
    expect(t.render()).not.toMatch(/DISCONTINUITY/);
    expect(parsePlaylist(t.render()).segments).toHaveLength(6);
    expect(t.trimBefore(4.5)).toBe(2);
    expect(t.render()).toMatch(/#EXT-X-MEDIA-SEQUENCE:4\n/);
    expect(t.render()).not.toMatch(/DISCONTINUITY/);
  });

  it('lists a TS rendition switch inside a segment as nothing but the new fragment URLs (ADR 0015: hls.js makes the init segment)', () => {
    const t = new VirtualTimeline();
    const fetch = fakeFetch('ladder-ts', 4, 'ts');
    // 240p, then 720p from the third fragment (ABR's choice at a fragment boundary).
    fetch.verified.forEach((f, i) => {
      const height = i < 2 ? 240 : 720;
      Object.assign(f, { url: `https://cdn.test/ladder-ts/${height}p/seg_${i}.ts`, mediaUrl: `${height}p` });
    });
    t.append(fetch);
    t.end();
    expect(t.render()).not.toMatch(/DISCONTINUITY|EXT-X-MAP/);
    expect(parsePlaylist(t.render()).segments.map((s) => s.uri.replace(/#.*/, ''))).toEqual([
      'https://cdn.test/ladder-ts/240p/seg_0.ts',
      'https://cdn.test/ladder-ts/240p/seg_1.ts',
      'https://cdn.test/ladder-ts/720p/seg_2.ts',
      'https://cdn.test/ladder-ts/720p/seg_3.ts',
    ]);
  });

  it("lists an encrypted segment's EME key tags before its init section, and METHOD=NONE before the clear one after it", () => {
    const t = new VirtualTimeline();
    t.append(fakeFetch('intro', 1, 'fmp4'));
    t.append(fakeFetch('drm', 1, 'fmp4', [KEY]));
    t.append(fakeFetch('outro', 1, 'fmp4'));
    const lines = t.render().split('\n');
    const at = (prefix: string, from = 0) => lines.findIndex((l, i) => i >= from && l.startsWith(prefix));
    const drmMap = at('#EXT-X-MAP:URI="https://cdn.test/drm/');
    const outroMap = at('#EXT-X-MAP:URI="https://cdn.test/outro/');
    expect(lines.filter((l) => l.startsWith('#EXT-X-KEY'))).toEqual([KEY, '#EXT-X-KEY:METHOD=NONE']);
    expect(lines.indexOf(KEY)).toBeLessThan(drmMap);
    expect(lines.indexOf(KEY)).toBeGreaterThan(at('#EXT-X-DISCONTINUITY'));
    expect(lines.indexOf('#EXT-X-KEY:METHOD=NONE')).toBeGreaterThan(drmMap);
    expect(lines.indexOf('#EXT-X-KEY:METHOD=NONE')).toBeLessThan(outroMap);
  });
});

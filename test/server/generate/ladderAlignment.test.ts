// The generation backend's ladder (`offshoot serve --renditions 360p,720p`) as the player's ABR
// needs it (issue 11, ADR 0011): a rendered segment's renditions have the same fragment
// durations (so the player may switch at any fragment boundary inside the segment) and one
// codec family (H.264 High + AAC-LC, so they splice). Rendered by the real procedural
// generator and checked with the player's own alignment rule.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createProceduralGenerator, RENDITION_360P, RENDITION_720P } from '../../../src/server/generate/index.js';
import { parsePlaylist, toSegmentPlaylist } from '../../../src/player/playback/readSegmentPlaylist.js';
import { misaligned } from '../../../src/player/playback/RenditionLadder.js';

const root = mkdtempSync(join(tmpdir(), 'offshoot-ladder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a generated ladder', () => {
  it('has aligned fragments and one codec family across 360p and 720p', async () => {
    const outDir = join(root, 'fox');
    const generator = createProceduralGenerator({ renditions: [RENDITION_360P, RENDITION_720P], renderer: 'cpu' });
    const job = {
      key: 'fox',
      spec: { prompt: 'A fox walks along the stormy beach at dusk.', seed: 3 },
      state: {},
      durationSeconds: 3,
      outDir,
      segmentSeconds: 1,
    };
    await generator.render(job, { onProgress: () => {}, onSegment: () => {} }, new AbortController().signal);
    const master = parsePlaylist(readFileSync(join(outDir, 'index.m3u8'), 'utf8'));
    expect(master.playlists?.map((v) => (v.attributes.RESOLUTION as { height?: number } | undefined)?.height)).toEqual([
      720, 360,
    ]);
    const [p720, p360] = ['720p', '360p'].map((name) => {
      const file = join(outDir, `${name}.m3u8`);
      return toSegmentPlaylist(parsePlaylist(readFileSync(file, 'utf8')), pathToFileURL(file).href);
    });
    expect(p360!.fragments.length).toBe(3);
    expect(misaligned(p360!, p720!)).toBeNull();
    // One codec configuration family: H.264 High (avc1.64xxxx) and AAC-LC in both.
    for (const v of master.playlists ?? []) expect(v.attributes.CODECS).toMatch(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/);
  }, 120_000);
});

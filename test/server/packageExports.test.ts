// The generators are part of the server package's public API: imported here from the built
// bundle (dist/node/server.mjs, what @offshoot/server ships), not from src/, and run.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ServerSource from '../../src/server/index.js';
import { buildCli, SERVER_BUNDLE } from '../cli/buildCli.js';

type ServerModule = typeof ServerSource;

let server: ServerModule;
let outDir: string;

beforeAll(async () => {
  await buildCli();
  server = (await import(pathToFileURL(SERVER_BUNDLE).href)) as ServerModule;
  outDir = await mkdtemp(join(tmpdir(), 'offshoot-exports-'));
}, 180_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the built server bundle', () => {
  it('exports the procedural generator, and it renders a playable HLS head', async () => {
    const generator = server.createProceduralGenerator({ renderer: 'cpu', renditions: [server.RENDITION_360P] });
    const ready: number[] = [];
    const result = await generator.render(
      {
        key: 'exports-test',
        spec: { prompt: 'a fox in a forest at dusk' },
        state: {},
        durationSeconds: 1,
        segmentSeconds: 1,
        outDir,
      },
      { onProgress: () => undefined, onSegment: (seconds) => ready.push(seconds) },
      new AbortController().signal,
    );
    await generator.close();
    expect(result).toMatchObject({ playlist: 'index.m3u8', frames: 30, path: 'cpu-skia+libx264' });
    expect(ready.at(-1)).toBe(1);
    expect(await readFile(join(outDir, 'index.m3u8'), 'utf8')).toMatch(/#EXT-X-STREAM-INF:.*CODECS="avc1\./);
  }, 60_000);

  it('exports the HTTP generator and the helpers a generator of your own uses', () => {
    const http = server.createHttpGenerator({ url: 'http://127.0.0.1:9/v1/generate', version: 'm1', id: 'my-model' });
    expect([http.id, http.version]).toEqual(['my-model', 'm1']);
    for (const name of ['encodeHls', 'selectEncoder', 'resolveSpec', 'relevantState', 'startServer'] as const)
      expect(typeof server[name], name).toBe('function');
  });
});

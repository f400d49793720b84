// Write then rename, checked from the outside: while a real render grows (ffmpeg at real-time
// speed), a reader polls the no-cache playlist and fetches every segment and init file it
// lists, again and again. Every playlist read must be whole, every file it names must be there,
// and every byte read must equal the file as finally committed: never half a file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { httpRequest, postJson } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({}, { realtime: true });
});
afterAll(() => t.stop());

describe('the store never serves a half-written file', () => {
  it('playlists and segments read while a rendition grows are whole and equal the committed files', async () => {
    const job = (
      await postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId: 'intro', history: [] }, t.token('reader'))
    ).json() as GenerationJob;
    const seen = new Map<string, Buffer[]>();
    const playlists: string[] = [];
    let growingReads = 0;
    for (;;) {
      const status = ((await httpRequest(t.url, `/api/v1/jobs/${job.key}`)).json() as GenerationJob).status;
      const playlist = await httpRequest(t.url, `/store/${job.key}/media.m3u8`);
      if (playlist.status === 200) {
        playlists.push(playlist.text);
        if (playlist.headers['cache-control'] === 'no-cache') growingReads++;
        const names = [...playlist.text.matchAll(/URI="([^"]+)"/g)].map((m) => m[1] as string);
        names.push(...playlist.text.split('\n').filter((l) => l && !l.startsWith('#')));
        for (const name of names) {
          const file = await httpRequest(t.url, `/store/${job.key}/${name}`);
          expect(file.status, `${name} listed but not served`).toBe(200);
          seen.set(name, [...(seen.get(name) ?? []), file.body]);
        }
      }
      if (status === 'done' || status === 'failed') break;
    }
    // The reader really watched it grow: several reads before the commit, segments among them.
    expect(growingReads).toBeGreaterThan(2);
    expect(seen.size).toBeGreaterThan(2);
    for (const text of playlists) {
      expect(text.startsWith('#EXTM3U\n')).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
    }
    for (const [name, reads] of seen) {
      const committed = await readFile(join(t.storeDir, job.key, name));
      for (const body of reads)
        expect(body.equals(committed), `${name}: read ${body.length} bytes, committed ${committed.length}`).toBe(true);
    }
  }, 60_000);
});

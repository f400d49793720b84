// One chromium for many jobs: an aborted job stops the page and ffmpeg and leaves nothing
// behind; a chromium crash fails the job cleanly and the next job gets a new browser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBrowserHost } from '../../../../src/server/generate/browser/createBrowserHost.js';
import { renderInBrowser } from '../../../../src/server/generate/browser/renderInBrowser.js';
import type { Rendition } from '../../../../src/server/generate/index.js';
import { ambienceGraph, composeScene } from '../../../../src/server/generate/index.js';

const tiny: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 600, level: '3.0' };
const root = mkdtempSync(join(tmpdir(), 'offshoot-browser-life-'));
const host = createBrowserHost();
afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

const scene = composeScene(
  { prompt: 'A cat sits on a rooftop in the rain at night.', seed: 5 },
  {},
  { durationSeconds: 20 },
);
const render = (outDir: string, signal: AbortSignal, onSegment: () => void, seconds = 20) =>
  renderInBrowser({
    host,
    scene,
    renditions: [tiny],
    count: seconds * 30,
    segmentSeconds: 1,
    hardware: false,
    audioGraph: ambienceGraph(scene),
    outDir,
    hooks: { onProgress: () => {}, onSegment },
    signal,
  });
const leftovers = (outDir: string) => readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.staging'));
const ffmpegFor = (outDir: string) =>
  execFileSync('ps', ['-eo', 'args'])
    .toString()
    .split('\n')
    .filter((l) => l.startsWith('ffmpeg') && l.includes(outDir));

describe('browser render lifecycle', () => {
  it(
    'aborting mid-job closes the page, kills ffmpeg and removes temporary files; the browser stays up',
    { timeout: 90_000 },
    async () => {
      const outDir = join(root, 'aborted');
      const ac = new AbortController();
      let abortedAt = 0;
      const running = render(outDir, ac.signal, () => {
        if (!ac.signal.aborted) {
          expect(host.openPages).toBe(1);
          expect(ffmpegFor(outDir)).toHaveLength(1);
          abortedAt = performance.now();
          ac.abort();
        }
      });
      await expect(running).rejects.toMatchObject({ name: 'AbortError' });
      expect(abortedAt).toBeGreaterThan(0);
      expect(performance.now() - abortedAt).toBeLessThan(3000);
      expect(host.openPages).toBe(0);
      expect(ffmpegFor(outDir)).toEqual([]);
      expect(leftovers(outDir)).toEqual([]);
      // The first segment stays published (the backend decides what to keep); nothing after the abort.
      expect(existsSync(join(outDir, '180p-00000.m4s'))).toBe(true);
      expect(host.pid).toBeGreaterThan(0);
    },
  );

  it(
    'a chromium crash fails the job (not as an abort) and the next job relaunches chromium',
    { timeout: 120_000 },
    async () => {
      const outDir = join(root, 'crashed');
      let killed: number | undefined;
      const running = render(outDir, new AbortController().signal, () => {
        if (killed === undefined && host.pid) {
          killed = host.pid;
          process.kill(killed, 'SIGKILL');
        }
      });
      const error = (await running.then(
        () => undefined,
        (e: unknown) => e,
      )) as Error | undefined;
      expect(killed).toBeGreaterThan(0);
      expect(error).toBeInstanceOf(Error);
      expect(error?.name).not.toBe('AbortError');
      expect(error?.message).toMatch(/closed|crash|Target|browser/i);
      expect(ffmpegFor(outDir)).toEqual([]);
      expect(leftovers(outDir)).toEqual([]);

      const again = join(root, 'after-crash');
      const result = await render(again, new AbortController().signal, () => {}, 1);
      expect(result.frames).toBe(30);
      expect(host.pid).toBeGreaterThan(0);
      expect(host.pid).not.toBe(killed);
      expect(readdirSync(again)).toContain('180p-00000.m4s');
    },
  );
});

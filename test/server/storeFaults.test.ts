// A full or read-only segment store, over real HTTP against the real server with real ffmpeg
// renders. The faults themselves are injected at the store's filesystem boundary (a documented
// fake, see docs/backend-faults.md): a test cannot fill or remount a disk on every CI host.
// What is real: the queue, the render, the partial folder, the HTTP replies.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { SegmentStore } from '../../src/server/index.js';
import type { Generator } from '../../src/server/index.js';
import type { RenditionInfo } from '../../src/server/store/SegmentStore.js';
import { renderFailure } from '../../src/server/store/renderFailure.js';
import { createFfmpegTestGenerator } from './support/ffmpegTestGenerator.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

/** An fs error as Node raises it (code, syscall, path in the message). */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const text = code === 'ENOSPC' ? 'no space left on device' : 'read-only file system';
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code, syscall, path });
}

/** The store's own writes fail while `fault` is set: EROFS when it makes a render's folder, ENOSPC when it records a finished one. */
class FaultyStore extends SegmentStore {
  fault: 'EROFS' | 'ENOSPC' | undefined;

  override async beginRender(key: string): Promise<string> {
    if (this.fault === 'EROFS') throw fsError('EROFS', 'mkdir', this.partialDir(key));
    return super.beginRender(key);
  }

  override async describeRender(key: string, info: RenditionInfo): Promise<void> {
    if (this.fault === 'ENOSPC') throw fsError('ENOSPC', 'write', join(this.partialDir(key), '.rendition.json.tmp'));
    return super.describeRender(key, info);
  }
}

/**
 * The generator's disk: while `full`, a render stops after its first complete segment and
 * fails writing the next one, leaving half of it under its temporary name (as ffmpeg's
 * `temp_file` would); `onHalfWrite` runs at that moment, before the error surfaces.
 */
interface Disk {
  full: boolean;
  onHalfWrite?: (outDir: string, key: string) => Promise<void>;
}

function diskBoundGenerator(disk: Disk): Generator {
  const inner = createFfmpegTestGenerator();
  return {
    id: inner.id,
    version: inner.version,
    async render(job, hooks, signal) {
      if (!disk.full) return inner.render(job, hooks, signal);
      const stop = new AbortController();
      signal.addEventListener('abort', () => stop.abort(), { once: true });
      let firstSegment = (): void => undefined;
      const first = new Promise<void>((resolve) => (firstSegment = resolve));
      const running = inner
        .render(
          job,
          { onProgress: hooks.onProgress, onSegment: (s) => (hooks.onSegment(s), firstSegment()) },
          stop.signal,
        )
        .catch(() => undefined);
      await Promise.race([first, running]);
      stop.abort();
      await running;
      const half = join(job.outDir, 'seg_00001.m4s.tmp');
      await writeFile(half, Buffer.alloc(1234, 1));
      await disk.onHalfWrite?.(job.outDir, job.key);
      throw fsError('ENOSPC', 'write', half);
    },
  };
}

const disk: Disk = { full: false };
let store: FaultyStore;
let t: TestServer;
beforeAll(async () => {
  store = new FaultyStore(join(await mkdtemp(join(tmpdir(), 'offshoot-faulty-')), 'store'));
  t = await startTestServer({ store, generator: diskBoundGenerator(disk), rateLimit: { burst: 100, perSecond: 50 } });
});
afterAll(() => t.stop());

const ask = (viewer: string, segmentId: string) =>
  postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [] }, t.token(viewer));
const finalOf = async (key: string) => {
  const sse = await readSse(t.url, `/api/v1/jobs/${key}/events`, 60_000);
  return { event: sse.events.at(-1)?.event, job: JSON.parse(sse.events.at(-1)?.data ?? '{}') as GenerationJob };
};
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('a full store (ENOSPC)', () => {
  it('fails the job with a clear error, never serves the half-written file, and the API keeps answering', async () => {
    disk.full = true;
    const probes: Array<{ path: string; status: number; cache?: string; text: string }> = [];
    let completeSegment: Buffer | undefined;
    disk.onHalfWrite = async (outDir, key) => {
      completeSegment = await readFile(join(outDir, 'seg_00000.m4s'));
      for (const name of ['seg_00001.m4s', 'seg_00001.m4s.tmp', 'seg_00000.m4s', 'media.m3u8']) {
        const reply = await httpRequest(t.url, `/store/${key}/${name}`);
        probes.push({
          path: name,
          status: reply.status,
          cache: reply.headers['cache-control'],
          text: name.endsWith('.m3u8') ? reply.text : String(reply.body.length),
        });
      }
      probes.push({ path: 'healthz', status: (await httpRequest(t.url, '/healthz')).status, text: '' });
    };
    const reply = await ask('a', 'slow');
    expect(reply.status).toBe(202);
    const { key } = reply.json() as GenerationJob;
    const { event, job } = await finalOf(key);
    expect(event).toBe('failed');
    expect(job.error?.code).toBe('store-full');
    expect(job.error?.message).toMatch(
      /segment store is full \(ENOSPC: no space left on device, write '.*seg_00001\.m4s\.tmp'\)/,
    );
    // While the render was stuck on the full disk: the half file is served under neither name,
    // the complete segment is served whole, and the growing playlist lists only complete segments.
    const by = Object.fromEntries(probes.map((p) => [p.path, p]));
    expect(by['seg_00001.m4s']?.status).toBe(404);
    expect(by['seg_00001.m4s.tmp']?.status).toBe(404);
    expect(by['seg_00000.m4s']).toMatchObject({ status: 200, text: String(completeSegment?.length) });
    expect(by['media.m3u8']?.status).toBe(200);
    expect(by['media.m3u8']?.cache).toBe('no-cache');
    expect(by['media.m3u8']?.text).toContain('seg_00000.m4s');
    expect(by['media.m3u8']?.text).not.toContain('seg_00001.m4s');
    expect(by['media.m3u8']?.text).not.toContain('#EXT-X-ENDLIST');
    expect(by.healthz?.status).toBe(200);
    // Afterwards nothing of the failed render is left or served.
    for (const name of ['index.m3u8', 'media.m3u8', 'seg_00000.m4s', 'seg_00001.m4s'])
      expect((await httpRequest(t.url, `/store/${key}/${name}`)).status, name).toBe(404);
    expect(await exists(store.partialDir(key))).toBe(false);
    expect(await exists(store.finalDir(key))).toBe(false);
    expect((await httpRequest(t.url, `/api/v1/jobs/${key}`)).json()).toMatchObject({
      status: 'failed',
      error: { code: 'store-full' },
    });
  });

  it('keeps answering while full, and the same segment renders once space is back', async () => {
    disk.onHalfWrite = undefined;
    const whileFull = await ask('b', 'intro');
    expect(whileFull.status).toBe(202);
    const { key } = whileFull.json() as GenerationJob;
    expect((await finalOf(key)).job.error?.code).toBe('store-full');
    expect((await httpRequest(t.url, '/api/v1/stories/cave')).status).toBe(200);
    disk.full = false;
    const again = await ask('b', 'intro');
    expect(again.status).toBe(202);
    expect((again.json() as GenerationJob).key).toBe(key);
    expect((await finalOf(key)).event).toBe('done');
    const playlist = await httpRequest(t.url, `/store/${key}/media.m3u8`);
    expect(playlist.status).toBe(200);
    expect(playlist.text).toContain('#EXT-X-ENDLIST');
    expect(playlist.headers['cache-control']).toContain('immutable');
  });

  it('publishes nothing when the disk fills while the finished render is recorded', async () => {
    store.fault = 'ENOSPC';
    try {
      const { key } = (await ask('c', 'right')).json() as GenerationJob;
      const { job } = await finalOf(key);
      expect(job).toMatchObject({ status: 'failed', error: { code: 'store-full' } });
      expect((await httpRequest(t.url, `/store/${key}/index.m3u8`)).status).toBe(404);
      expect(await exists(store.finalDir(key))).toBe(false);
    } finally {
      store.fault = undefined;
    }
  });
});

describe('a read-only store (EROFS)', () => {
  it('fails new renders clearly, keeps serving what is there, and recovers when writable', async () => {
    const done = (await ask('d', 'intro')).json() as GenerationJob;
    expect(done.status).toBe('done');
    store.fault = 'EROFS';
    try {
      const { key } = (await ask('d', 'left')).json() as GenerationJob;
      const { job } = await finalOf(key);
      expect(job.error?.code).toBe('store-read-only');
      expect(job.error?.message).toContain('EROFS');
      expect(job.error?.message).toContain('nothing of it is served');
      // Reads still work: finished renditions stay served.
      expect((await httpRequest(t.url, `/store/${done.key}/media.m3u8`)).status).toBe(200);
      expect((await httpRequest(t.url, '/healthz')).status).toBe(200);
    } finally {
      store.fault = undefined;
    }
    const { key } = (await ask('d', 'left')).json() as GenerationJob;
    expect((await finalOf(key)).event).toBe('done');
  });
});

describe('renderFailure', () => {
  it('names a full or read-only store from an fs error or from an encoder message, and leaves other errors alone', () => {
    expect(renderFailure(fsError('ENOSPC', 'write', '/s/x')).code).toBe('store-full');
    expect(renderFailure(new Error('ffmpeg exited with 1: Error writing trailer: No space left on device')).code).toBe(
      'store-full',
    );
    expect(renderFailure(new Error('ffmpeg exited with 1: /s/a.m4s: Read-only file system')).code).toBe(
      'store-read-only',
    );
    const explained = renderFailure(fsError('EROFS', 'mkdir', '/s/p'));
    // A BullMQ failedReason is the message only: it must come out the same.
    expect(renderFailure(explained.message)).toEqual(explained);
    expect(renderFailure(new Error('model exploded'))).toEqual({ code: 'render-failed', message: 'model exploded' });
  });
});

// The store on a real small tmpfs, where the host allows it (an unprivileged user and mount
// namespace: `unshare -rm`): the kernel's own ENOSPC when it is full and EROFS when it is
// remounted read-only, with real ffmpeg writing into it. storeFaults.test.ts covers the same
// behaviour on every host by injecting those errors; this file shows they are the real ones.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { signViewerToken } from '../../src/server/index.js';
import { makeStoriesDir, SECRET } from './support/caveStory.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';

const TMPFS_BYTES = 1024 * 1024;

function canMountTmpfs(): boolean {
  const probe = spawnSync(
    'unshare',
    ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'],
    { stdio: 'ignore', timeout: 10_000 },
  );
  return probe.status === 0;
}

const supported = canMountTmpfs();
let child: ChildProcess | undefined;
let url = '';
let root = '';
let storiesDir = '';
/** The store as this process sees it: through the server's mount namespace. */
let storeView = '';
let storeDir = '';

beforeAll(async () => {
  if (!supported) return;
  root = await mkdtemp(join(tmpdir(), 'offshoot-tmpfs-'));
  storeDir = join(root, 'store');
  await mkdir(storeDir);
  storiesDir = await makeStoriesDir();
  const script = fileURLToPath(new URL('./support/tmpfsServerProcess.ts', import.meta.url));
  const proc = spawn(
    'unshare',
    [
      '-rm',
      'sh',
      '-c',
      `mount -t tmpfs -o size=${TMPFS_BYTES} tmpfs "$STORE_DIR" && exec "$NODE" --import tsx "$SCRIPT"`,
    ],
    {
      env: { ...process.env, STORE_DIR: storeDir, STORIES_DIR: storiesDir, NODE: process.execPath, SCRIPT: script },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child = proc;
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /^url (\S+)$/m.exec(output);
      if (match) resolve(match[1] as string);
    });
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  storeView = `/proc/${proc.pid}/root${storeDir}`;
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  if (root) await rm(root, { recursive: true, force: true });
  if (storiesDir) await rm(storiesDir, { recursive: true, force: true });
});

const token = (sub: string) =>
  signViewerToken({ sub, story: 'cave', exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
const ask = (sub: string, segmentId: string) =>
  postJson(url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [] }, token(sub));
const finalOf = async (key: string) =>
  JSON.parse((await readSse(url, `/api/v1/jobs/${key}/events`, 60_000)).events.at(-1)?.data ?? '{}') as GenerationJob;
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Fills the tmpfs but for `free` bytes. */
async function fill(free: number): Promise<string> {
  const filler = join(storeView, 'filler.bin');
  await writeFile(filler, Buffer.alloc(TMPFS_BYTES)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOSPC') throw error;
  });
  const used = (await stat(filler)).size;
  await unlink(filler);
  await writeFile(filler, Buffer.alloc(Math.max(0, used - free)));
  return filler;
}

describe.runIf(supported)('the store on a real tmpfs (kernel ENOSPC / EROFS)', () => {
  it('a render that fills the disk fails as store-full, leaves nothing, and renders once space is back', async () => {
    const filler = await fill(24 * 1024);
    const { key } = (await ask('a', 'intro')).json() as GenerationJob;
    const job = await finalOf(key);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('store-full');
    expect(job.error?.message).toMatch(/No space left on device|ENOSPC/);
    for (const name of ['index.m3u8', 'media.m3u8', 'init.mp4', 'seg_00000.m4s'])
      expect((await httpRequest(url, `/store/${key}/${name}`)).status, name).toBe(404);
    expect(await exists(join(storeView, '.partial', key))).toBe(false);
    expect((await httpRequest(url, '/healthz')).status).toBe(200);
    await unlink(filler);
    const again = (await ask('a', 'intro')).json() as GenerationJob;
    expect((await finalOf(again.key)).status).toBe('done');
    expect((await httpRequest(url, `/store/${key}/media.m3u8`)).text).toContain('#EXT-X-ENDLIST');
  });

  it('a read-only remount fails new renders as store-read-only, keeps serving, and recovers', async (ctx) => {
    const pid = String(child?.pid);
    const remount = (mode: string) =>
      spawnSync(
        'nsenter',
        ['-t', pid, '-U', '-m', '--preserve-credentials', 'mount', '-o', `remount,${mode}`, storeDir],
        { encoding: 'utf8' },
      );
    // Remounting from outside the namespace needs root on the host (an unprivileged user may
    // create the namespace but not enter it to remount): skip where a no-op remount fails.
    if (remount('rw').status !== 0) ctx.skip();
    const ro = remount('ro');
    expect(ro.status, ro.stderr).toBe(0);
    try {
      const { key } = (await ask('b', 'left')).json() as GenerationJob;
      const job = await finalOf(key);
      expect(job.error?.code, job.error?.message).toBe('store-read-only');
      expect(job.error?.message).toContain('EROFS');
      const done = (await ask('b', 'intro')).json() as GenerationJob;
      expect(done.status).toBe('done');
      expect((await httpRequest(url, `/store/${done.key}/seg_00000.m4s`)).status).toBe(200);
    } finally {
      remount('rw');
    }
    const { key } = (await ask('b', 'left')).json() as GenerationJob;
    expect((await finalOf(key)).status).toBe('done');
  });
});

import { mkdir, readFile, rename, rm, stat, realpath, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { openFile } from '../http/serveFile.js';
import type { RenditionInfo, RenditionStore, StoredObject } from './RenditionStore.js';
import { RENDITION_KEY } from './renditionKey.js';

export type { RenditionInfo } from './RenditionStore.js';

/** Where a requested store file lives and whether its rendition is finished. */
export interface StoreFile {
  path: string;
  /** True when the rendition was committed: nothing in it will ever change. */
  complete: boolean;
}

/**
 * The content-addressed segment store on disk:
 *
 *   <root>/<key>/index.m3u8 …         finished renditions (immutable)
 *   <root>/.partial/<key>/index.m3u8 …  renditions being rendered (segments appear one by one)
 *
 * A render writes into its partial folder (the generator renames each finished segment into
 * place and rewrites playlists atomically); `commit` then renames the whole folder to its
 * final name, which is atomic on one filesystem. So a reader sees either a finished rendition
 * or the completed head of one, never half a file. Every API and worker process that shares
 * the folder sees the same thing.
 *
 * @example
 * const store = new SegmentStore('./.cache/offshoot-store');
 * const outDir = await store.beginRender(key);   // generator writes here
 * await store.commit(key);                        // now served as immutable
 */
export class SegmentStore implements RenditionStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  get location(): string {
    return this.root;
  }

  finalDir(key: string): string {
    return join(this.root, checkKey(key));
  }

  partialDir(key: string): string {
    return join(this.root, '.partial', checkKey(key));
  }

  /** True once the rendition was committed. */
  async isComplete(key: string): Promise<boolean> {
    return isDir(this.finalDir(key));
  }

  /** A fresh, empty partial folder for `key` (leftovers of a crashed render are removed). */
  async beginRender(key: string): Promise<string> {
    const dir = this.partialDir(key);
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(this.root, '.partial'), { recursive: true });
    // Not recursive: on a read-only filesystem Node's recursive mkdir reports ENOENT, hiding
    // the EROFS that says what is wrong (found on a real read-only tmpfs).
    await mkdir(dir);
    return dir;
  }

  /** Nothing to do: readers look in the partial folder, where the generator renames each file into place. */
  async publish(): Promise<void> {}

  /** Publishes a finished render. A rendition committed meanwhile by someone else wins. */
  async commit(key: string): Promise<void> {
    const from = this.partialDir(key);
    try {
      await rename(from, this.finalDir(key));
    } catch (error) {
      if (!(await this.isComplete(key))) throw error;
      await rm(from, { recursive: true, force: true });
    }
  }

  /**
   * Records what a finished rendition is (its duration) inside its partial folder, before
   * `commit`, so any process can describe it later without the job. The name starts with a
   * dot, so it is never served.
   */
  async describeRender(key: string, info: RenditionInfo): Promise<void> {
    const file = join(this.partialDir(key), INFO_FILE);
    await writeFile(`${file}.tmp`, JSON.stringify(info));
    await rename(`${file}.tmp`, file);
  }

  /** What a committed rendition is, or undefined when the store does not have it. */
  async describe(key: string): Promise<RenditionInfo | undefined> {
    if (!RENDITION_KEY.test(key)) return undefined;
    const text = await readFile(join(this.finalDir(key), INFO_FILE), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const info = JSON.parse(text) as Partial<RenditionInfo>;
    return typeof info.durationSeconds === 'number' ? { durationSeconds: info.durationSeconds } : undefined;
  }

  /** Drops a cancelled or failed render's partial output. */
  async abandon(key: string): Promise<void> {
    await rm(this.partialDir(key), { recursive: true, force: true });
  }

  /**
   * Finds `segments` (already checked by safeRelativePath) inside rendition `key`: the
   * finished folder first, then the partial one, then the finished one again in case the
   * render was committed between the two looks. The real path (symlinks resolved) must stay
   * inside the store. Undefined when there is no such file.
   */
  async locate(key: string, segments: string[]): Promise<StoreFile | undefined> {
    if (!RENDITION_KEY.test(key)) return undefined;
    const looks: Array<[string, boolean]> = [
      [this.finalDir(key), true],
      [this.partialDir(key), false],
      [this.finalDir(key), true],
    ];
    for (const [base, complete] of looks) {
      const path = await insideRoot(this.root, resolve(base, ...segments));
      if (path) return { path, complete };
    }
    return undefined;
  }

  /** The file `locate` finds, opened for sending (see serveObject). */
  async open(key: string, segments: string[]): Promise<StoredObject | undefined> {
    // A partial file can vanish between the look and the open when its render is committed
    // (the folder is renamed): it is then in the finished folder, so look once more.
    for (let look = 0; look < 2; look++) {
      const file = await this.locate(key, segments);
      if (!file) return undefined;
      const opened = await openFile(file.path, file.complete);
      if (opened || file.complete) return opened;
    }
    return undefined;
  }
}

const INFO_FILE = '.rendition.json';

function checkKey(key: string): string {
  if (!RENDITION_KEY.test(key)) throw new Error(`Not a rendition key: ${JSON.stringify(key)}`);
  return key;
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The file's real path when it exists, is a file, and lies inside `root`. */
export async function insideRoot(root: string, path: string): Promise<string | undefined> {
  if (!path.startsWith(root + sep)) return undefined;
  const real = await realpath(path).catch(() => undefined);
  if (!real) return undefined;
  const realRoot = await realpath(root).catch(() => root);
  if (!real.startsWith(realRoot + sep)) return undefined;
  return (await stat(real).catch(() => undefined))?.isFile() ? real : undefined;
}

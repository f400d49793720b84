import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Generator, RenderResult } from '../generate/Generator.js';
import { renderFailure } from '../store/renderFailure.js';
import type { RenditionStore } from '../store/RenditionStore.js';
import type { RenderTask } from './JobQueue.js';

/** A render's progress as workers report it. */
export interface RenderUpdate {
  progress: number;
  readySeconds: number;
  /** True while a worker holds the job but has not started it (head-first: it waits for a slot there). */
  waiting?: boolean;
}

export type Logger = (message: string) => void;

/** Thrown when a render stopped because its abort signal fired. */
export class RenderCancelled extends Error {
  override readonly name = 'RenderCancelled';
  constructor() {
    super('cancelled');
  }
}

export interface RenderIntoStoreOptions {
  /** Progress reports at most this often, ms (every finished segment always). Default 250. */
  throttleMs?: number;
  /** The scheduler's fragment-boundary hook (RenderHooks.yieldPoint), for head-first preemption. */
  yieldPoint?: (readySeconds: number) => Promise<void>;
}

/**
 * Runs `generator` for `task` into the store: a fresh partial folder, progress reported at
 * most every `throttleMs` (every finished segment always), then an atomic commit. A failed or
 * cancelled render leaves nothing behind; a full or read-only store fails it with an error
 * that says so (see renderFailure). Skips the work when the store already has it.
 *
 * @example
 * await renderIntoStore(generator, store, task, signal, (u) => job.updateProgress(u), console.log);
 */
export async function renderIntoStore(
  generator: Generator,
  store: RenditionStore,
  task: RenderTask,
  signal: AbortSignal,
  report: (update: RenderUpdate) => void,
  log: Logger,
  options: RenderIntoStoreOptions = {},
): Promise<RenderResult | undefined> {
  const throttleMs = options.throttleMs ?? 250;
  if (await store.isComplete(task.key)) return undefined;
  const short = task.key.slice(0, 12);
  const outDir = await store.beginRender(task.key);
  const update: RenderUpdate = { progress: 0, readySeconds: 0 };
  let lastSent = 0;
  const send = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - lastSent < throttleMs) return;
    lastSent = now;
    report({ ...update });
  };
  // Each finished segment is published in order (a bucket uploads it; the local store has
  // nothing to do), and only then reported ready, so a reader told "ready" finds it. A failed
  // upload is logged, and the commit uploads everything again.
  let published = Promise.resolve();
  const publish = (readySeconds: number): void => {
    published = published
      .then(() => store.publish(task.key))
      .then(
        () => {
          update.readySeconds = Math.max(update.readySeconds, readySeconds);
          send(true);
        },
        (error: Error) => log(`render ${short} publish failed: ${error.message}`),
      );
  };
  log(
    `render ${short} start (${generator.id}@${generator.version}, ${task.durationSeconds}s, "${task.spec.prompt.slice(0, 60)}")`,
  );
  try {
    const result = await generator.render(
      { ...task, outDir },
      {
        onProgress: (progress) => {
          update.progress = Math.max(update.progress, Math.min(1, progress));
          send(false);
        },
        onSegment: (readySeconds) => {
          publish(readySeconds);
          log(`render ${short} ready ${readySeconds.toFixed(1)}/${task.durationSeconds}s`);
        },
        ...(options.yieldPoint ? { yieldPoint: options.yieldPoint } : {}),
      },
      signal,
    );
    await published;
    if (signal.aborted) throw new RenderCancelled();
    const master = await stat(join(outDir, result.playlist)).catch(() => undefined);
    if (!master?.isFile())
      throw new Error(`generator ${generator.id} reported ${result.playlist} but wrote no such file`);
    await store.describeRender(task.key, { durationSeconds: task.durationSeconds });
    await store.commit(task.key);
    report({ progress: 1, readySeconds: task.durationSeconds });
    log(`render ${short} done: ${result.frames} frames in ${result.elapsedMs.toFixed(0)} ms via ${result.path}`);
    return result;
  } catch (error) {
    await published;
    // On a read-only store even the clean-up fails: the leftovers are complete files or
    // temporary names (never served), and the next beginRender of this key removes them.
    await store
      .abandon(task.key)
      .catch((cleanup: Error) => log(`render ${short} left its partial folder: ${cleanup.message}`));
    if (signal.aborted) {
      log(`render ${short} cancelled`);
      throw new RenderCancelled();
    }
    const failure = renderFailure(error);
    log(`render ${short} failed: ${failure.message}`);
    // A store fault is rethrown explained, so BullMQ's failedReason carries the same words.
    throw failure.code === 'render-failed' ? error : new Error(failure.message);
  }
}

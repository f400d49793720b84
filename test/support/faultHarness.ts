// What a fault test checks besides events: the page never threw, never froze, and how long
// the picture stood still. Browser-side helpers for test/player/faults.
import { commands } from 'vitest/browser';
import type { FaultLogEntry, FaultRule } from './faultServer.js';

/** The page's health while a fault plays out: uncaught errors and animation frames. */
export interface PageWatch {
  /** Uncaught exceptions and unhandled rejections, as text. */
  readonly uncaught: string[];
  /** requestAnimationFrame callbacks so far (a frozen main thread stops them). */
  ticks(): number;
  stop(): void;
}

/**
 * Record uncaught errors and count animation frames until `stop()`.
 *
 * @example
 * const page = watchPage(); ...; expect(page.uncaught).toEqual([]);
 */
export function watchPage(): PageWatch {
  const uncaught: string[] = [];
  let ticks = 0;
  let handle = 0;
  const onError = (e: ErrorEvent) => uncaught.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) =>
    uncaught.push(`unhandledrejection: ${String((e.reason as Error)?.stack ?? e.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const tick = () => {
    ticks++;
    handle = requestAnimationFrame(tick);
  };
  handle = requestAnimationFrame(tick);
  return {
    uncaught,
    ticks: () => ticks,
    stop() {
      cancelAnimationFrame(handle);
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Presented frames with their wall-clock time, to measure how long the picture stood still. */
export interface FrameClock {
  readonly frames: Array<{ at: number; mediaTime: number; presented: number }>;
  /** Longest wall-clock interval between two presented frames after `since` (ms, performance.now). */
  longestGapMs(since?: number): number;
  /**
   * Video frames presented after `since`, as the compositor counts them (rVFC's
   * presentedFrames): a busy page gets fewer callbacks, not fewer frames.
   */
  countAfter(since: number): number;
  stop(): void;
}

/**
 * Follow `video`'s presented frames (requestVideoFrameCallback).
 *
 * @example
 * const clock = watchFrames(video); ...; console.log(clock.longestGapMs());
 */
export function frameClock(video: HTMLVideoElement): FrameClock {
  const frames: Array<{ at: number; mediaTime: number; presented: number }> = [];
  let stopped = false;
  let handle = 0;
  const tick = (now: number, meta: VideoFrameCallbackMetadata) => {
    frames.push({ at: now, mediaTime: meta.mediaTime, presented: meta.presentedFrames });
    if (!stopped) handle = video.requestVideoFrameCallback(tick);
  };
  handle = video.requestVideoFrameCallback(tick);
  return {
    frames,
    longestGapMs(since = 0) {
      let longest = 0;
      for (let i = 1; i < frames.length; i++)
        if (frames[i]!.at >= since) longest = Math.max(longest, frames[i]!.at - frames[i - 1]!.at);
      return Math.round(longest);
    },
    countAfter(since) {
      let n = 0;
      for (let i = 0; i < frames.length; i++) {
        if (frames[i]!.at <= since) continue;
        const before = frames[i - 1]?.presented ?? frames[i]!.presented - 1;
        // presentedFrames restarts when the element loads new media: then all of it is new.
        n += frames[i]!.presented > before ? frames[i]!.presented - before : frames[i]!.presented;
      }
      return n;
    },
    stop() {
      stopped = true;
      video.cancelVideoFrameCallback(handle);
    },
  };
}

/** A fault server for one test file (see test/support/faultServer.ts). */
export interface Faults {
  origin: string;
  rules(rules: FaultRule[]): Promise<void>;
  /** Requests whose path contains `path`, in order. */
  requests(path: string): Promise<FaultLogEntry[]>;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start a fault server: static files from the repo root, or a proxy to `target`.
 *
 * @example
 * const faults = await startFaults(); await faults.rules([{ path: 'a/seg_001.m4s', fault: 'status', status: 500, times: 2 }]);
 */
export async function startFaults(target?: string): Promise<Faults> {
  const { id, origin } = await commands.faultStart(target);
  return {
    origin,
    rules: (rules) => commands.faultRules(id, rules),
    requests: async (path) => (await commands.faultLog(id)).filter((e) => e.path.includes(path)),
    down: () => commands.faultDown(id),
    up: () => commands.faultUp(id),
    stop: () => commands.faultStop(id),
  };
}

/** Intervals between successive requests (ms, server clock). */
export function intervals(entries: FaultLogEntry[]): number[] {
  return entries.slice(1).map((e, i) => e.at - entries[i]!.at);
}

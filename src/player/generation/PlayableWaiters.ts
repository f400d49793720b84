import type { GenerationError } from './GenerationError.js';

/** What the client knows about one segment's rendition. */
export interface Rendition {
  readySeconds: number;
  durationSeconds: number;
  progress: number;
  playlistUrl: string | undefined;
  done: boolean;
  /** First readySeconds > 0 sample: (ms, readySeconds), to measure the render rate. */
  firstSample?: { at: number; readySeconds: number };
  lastSample?: { at: number; readySeconds: number };
}

interface Waiter {
  seconds: number | undefined;
  resolve(value: { playlistUrl: string; readySeconds: number }): void;
  reject(error: GenerationError): void;
}

/**
 * The promises behind `whenPlayable`, keyed by segment. `check` settles those whose
 * threshold the rendition has reached; when a waiter gave no threshold, the threshold is
 * the safe start: enough media that playback begun now will not catch up with a render
 * running at the measured rate.
 *
 * @example
 * const waiters = new PlayableWaiters(2);
 * const p = waiters.add('forest', 3);
 * waiters.check('forest', rendition); // resolves p once rendition.readySeconds ≥ 3
 */
export class PlayableWaiters {
  private readonly bySegment = new Map<string, Set<Waiter>>();

  constructor(private readonly headSeconds: number) {}

  add(segmentId: string, seconds: number | undefined): Promise<{ playlistUrl: string; readySeconds: number }> {
    return new Promise((resolve, reject) => {
      let set = this.bySegment.get(segmentId);
      if (!set) this.bySegment.set(segmentId, (set = new Set()));
      set.add({ seconds, resolve, reject });
    });
  }

  check(segmentId: string, rendition: Rendition): void {
    const set = this.bySegment.get(segmentId);
    if (!set || rendition.playlistUrl === undefined) return;
    for (const waiter of [...set]) {
      const need = Math.min(waiter.seconds ?? safeStartSeconds(rendition, this.headSeconds), rendition.durationSeconds);
      if (rendition.done || (rendition.readySeconds > 0 && rendition.readySeconds >= need)) {
        set.delete(waiter);
        waiter.resolve({ playlistUrl: rendition.playlistUrl, readySeconds: rendition.readySeconds });
      }
    }
    if (set.size === 0) this.bySegment.delete(segmentId);
  }

  fail(segmentId: string, error: GenerationError): void {
    const set = this.bySegment.get(segmentId);
    this.bySegment.delete(segmentId);
    for (const waiter of set ?? []) waiter.reject(error);
  }

  failAll(error: GenerationError): void {
    for (const id of [...this.bySegment.keys()]) this.fail(id, error);
  }

  has(segmentId: string): boolean {
    return this.bySegment.has(segmentId);
  }
}

/**
 * Seconds that must be ready before playback starts so it never stalls again: with media
 * rendered at r× real time, D·(1−r) (plus 10 %); just the head when r ≥ 1 or unknown.
 *
 * @example
 * safeStartSeconds({ durationSeconds: 10, ... measured r = 0.5 }, 2); // 5.5
 */
export function safeStartSeconds(rendition: Rendition, headSeconds: number): number {
  const { firstSample: a, lastSample: b, durationSeconds } = rendition;
  const head = Math.min(headSeconds, durationSeconds);
  if (!a || !b || b.at <= a.at) return head;
  const rate = (b.readySeconds - a.readySeconds) / ((b.at - a.at) / 1000);
  if (!(rate > 0)) return durationSeconds;
  if (rate >= 1) return head;
  return Math.min(durationSeconds, Math.max(head, durationSeconds * (1 - rate) * 1.1));
}

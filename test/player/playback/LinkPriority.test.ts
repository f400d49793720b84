import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LinkPriority, SPARE_SECONDS } from '../../../src/player/playback/LinkPriority.js';
import type { Downloader } from '../../../src/player/playback/LinkPriority.js';

const d = (id: number): Downloader & { aborted: boolean } => ({ id, aborted: false, failed: false });

/** A priority over `timeline` (prefetches are the others), on a link as full and a buffer as deep as the test sets. */
function setup(timeline: Downloader[]) {
  const link = { nearlyFull: true, ahead: 0, transfer: 1 };
  const priority = new LinkPriority({
    timeline: () => timeline,
    nearlyFull: () => link.nearlyFull,
    ahead: () => link.ahead,
    transferSeconds: () => link.transfer,
  });
  return { priority, link };
}

/** Whether `p` resolved within `ms` of fake time. */
async function settledWithin(p: Promise<void>, ms: number): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(ms);
  return done;
}

describe('LinkPriority', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets everything go at once on a link with room', async () => {
    const current = d(1);
    const prefetch = d(2);
    const { priority, link } = setup([current]);
    link.nearlyFull = false;
    await priority.turn(current);
    expect(await settledWithin(priority.turn(prefetch), 0)).toBe(true);
  });

  it('on a nearly full link, a prefetch waits while the timeline downloads, and goes once it is done', async () => {
    const current = d(1);
    const prefetch = d(2);
    const { priority } = setup([current]);
    await priority.turn(current);
    const waiting = priority.turn(prefetch);
    expect(await settledWithin(waiting, 500)).toBe(false);
    priority.done(current);
    expect(await settledWithin(waiting, 300)).toBe(true);
  });

  it('the timeline goes first even while a prefetch is waiting, and in play order', async () => {
    const current = d(1);
    const queued = d(2);
    const { priority } = setup([current, queued]);
    await priority.turn(current);
    expect(await settledWithin(priority.turn(queued), 500)).toBe(false);
    priority.done(current);
    await priority.turn(current); // its next fragment, asked for at once: still first
    expect(await settledWithin(priority.turn(d(3)), 500)).toBe(false);
  });

  it('a later download goes when the media ahead covers its transfer with SPARE_SECONDS to spare', async () => {
    const current = d(1);
    const { priority, link } = setup([current]);
    await priority.turn(current);
    link.ahead = SPARE_SECONDS + link.transfer - 0.1;
    const prefetch = priority.turn(d(2));
    expect(await settledWithin(prefetch, 300)).toBe(false);
    link.ahead = SPARE_SECONDS + link.transfer;
    expect(await settledWithin(prefetch, 300)).toBe(true);
  });

  it('an aborted download neither waits nor holds anything up', async () => {
    const current = d(1);
    const { priority } = setup([current]);
    await priority.turn(current);
    current.aborted = true;
    expect(await settledWithin(priority.turn(d(2)), 100)).toBe(true);
    // A waiting download whose fetch is aborted stops waiting at once.
    const playing = d(4);
    const { priority: second } = setup([playing]);
    await second.turn(playing);
    const signal = new AbortController();
    const held = second.turn(d(3), signal.signal);
    expect(await settledWithin(held, 300)).toBe(false);
    signal.abort();
    expect(await settledWithin(held, 0)).toBe(true);
  });
});

import { afterEach, describe, expect, test, vi } from 'vitest';
import { sleep } from '../../../src/player/sleep.js';

/** A signal whose abort listeners the test can count. */
function watchedSignal() {
  const controller = new AbortController();
  const listeners = new Set<unknown>();
  const { signal } = controller;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  vi.spyOn(signal, 'addEventListener').mockImplementation((type, fn, options) => {
    listeners.add(fn);
    add(type, fn, options);
  });
  vi.spyOn(signal, 'removeEventListener').mockImplementation((type, fn, options) => {
    listeners.delete(fn);
    remove(type, fn, options);
  });
  return { controller, signal, listeners };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('sleep (the one shared by the generation client and the segment fetcher)', () => {
  test('resolves after ms, and removes its abort listener when it does', async () => {
    vi.useFakeTimers();
    const { signal, listeners } = watchedSignal();
    let done = false;
    const p = sleep(500, signal).then(() => (done = true));
    expect(listeners.size).toBe(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
    expect(listeners.size).toBe(0);
  });

  test('many waits on one long-lived signal leave no listener behind', async () => {
    vi.useFakeTimers();
    const { signal, listeners } = watchedSignal();
    for (let i = 0; i < 20; i++) {
      const p = sleep(10, signal);
      await vi.advanceTimersByTimeAsync(10);
      await p;
    }
    expect(listeners.size).toBe(0);
  });

  test('an abort rejects at once with the reason and clears the timer', async () => {
    vi.useFakeTimers();
    const { controller, signal } = watchedSignal();
    const p = sleep(10_000, signal);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new Error('destroyed');
    controller.abort(reason);
    await expect(p).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('an already aborted signal rejects without starting a timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(sleep(100, controller.signal)).rejects.toThrow('gone');
    expect(vi.getTimerCount()).toBe(0);
  });

  test('without a signal it just waits', async () => {
    vi.useFakeTimers();
    const p = sleep(20);
    await vi.advanceTimersByTimeAsync(20);
    await expect(p).resolves.toBeUndefined();
  });
});

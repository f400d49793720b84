import { describe, expect, test } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { StateValue } from 'xstate';
import { playerLifecycle } from '../../../src/player/lifecycle/playerLifecycle.js';

/** A promise the test settles by hand. */
interface Pending {
  input: { segmentId: string; minSeconds?: number; offset?: number; first?: boolean };
  resolve(): void;
  reject(error: unknown): void;
}

/** The machine with recording actions and hand-settled actors: nothing but events and states. */
function drive(autoplay = false) {
  const calls: Array<[string, unknown]> = [];
  const waits: Pending[] = [];
  const loads: Pending[] = [];
  const record =
    (name: string) =>
    (_: unknown, params?: unknown): void =>
      void calls.push([name, params]);
  const pending = <I extends Pending['input']>(into: Pending[]) =>
    fromPromise<void, I>(({ input }) => new Promise<void>((resolve, reject) => into.push({ input, resolve, reject })));
  const machine = playerLifecycle.provide({
    actions: {
      beginTimeline: record('beginTimeline'),
      showGenerating: record('showGenerating'),
      skipSegment: record('skipSegment'),
      markRenderFailed: record('markRenderFailed'),
      hideHold: record('hideHold'),
      resume: record('resume'),
      drain: record('drain'),
      reportFatal: record('reportFatal'),
      teardown: record('teardown'),
    },
    actors: {
      whenPlayable: pending<{ segmentId: string; minSeconds?: number }>(waits),
      loadTimeline: pending<{ segmentId: string; offset: number; first: boolean }>(loads),
    },
  });
  const actor = createActor(machine, { input: { autoplay } }).start();
  const value = (): StateValue => actor.getSnapshot().value;
  const names = (): string[] => calls.map(([n]) => n);
  return { actor, calls, names, waits, loads, value, send: actor.send.bind(actor) };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const running = (timeline: string, branch = 'flowing', intent = 'paused', link = 'online') => ({
  running: { timeline, branch, intent, link },
});

describe('playerLifecycle', () => {
  test('loading → running with autoplay → playing; → failed when the story cannot load', () => {
    const a = drive(true);
    expect(a.value()).toBe('loading');
    a.send({ type: 'LOADED' });
    expect(a.value()).toEqual(running('idle', 'flowing', 'playing'));
    const b = drive();
    b.send({ type: 'LOAD_FAILED' });
    expect(b.value()).toBe('failed');
    b.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    expect(b.value()).toBe('failed');
  });

  test('a story start loads the first timeline with engine.load, and resumes once buffered', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    expect(a.value()).toEqual(running('buffering'));
    expect(a.loads.map((l) => l.input)).toEqual([{ segmentId: 'intro', offset: 0, first: true }]);
    a.loads[0]!.resolve();
    await tick();
    expect(a.value()).toEqual(running('ready'));
    expect(a.names()).toEqual(['beginTimeline', 'hideHold', 'resume']);
  });

  test('a second START restarts (first: false) and a load that settles late is ignored', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    a.send({ type: 'START', segmentId: 'dark', offset: 1.5, start: 'load' });
    expect(a.loads.map((l) => l.input)).toEqual([
      { segmentId: 'intro', offset: 0, first: true },
      { segmentId: 'dark', offset: 1.5, first: false },
    ]);
    a.loads[0]!.resolve();
    await tick();
    expect(a.value()).toEqual(running('buffering'));
    expect(a.names()).not.toContain('resume');
    a.loads[1]!.resolve();
    await tick();
    expect(a.value()).toEqual(running('ready'));
  });

  test('generated first segment: hold, wait for the render (head past a restart point), then load', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'gen', offset: 3, start: 'render' });
    expect(a.value()).toEqual(running('generating'));
    expect(a.calls).toContainEqual(['showGenerating', { segmentId: 'gen', first: true }]);
    expect(a.waits.map((w) => w.input)).toEqual([{ segmentId: 'gen', minSeconds: 5 }]);
    expect(a.loads).toEqual([]);
    a.waits[0]!.resolve();
    await tick();
    expect(a.value()).toEqual(running('buffering'));
    expect(a.loads.map((l) => l.input)).toEqual([{ segmentId: 'gen', offset: 3, first: true }]);
  });

  test('a render that fails: the hold comes down, the failure is recorded and the story moves on', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'gen', offset: 0, start: 'render' });
    const error = new Error('job-failed');
    a.waits[0]!.reject(error);
    await tick();
    expect(a.value()).toEqual(running('idle'));
    expect(a.calls.slice(-3)).toEqual([
      ['hideHold', { branch: null }],
      ['markRenderFailed', { segmentId: 'gen', error }],
      ['skipSegment', { segmentId: 'gen' }],
    ]);
  });

  test('a segment whose media failed is skipped without a timeline', () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'dark', offset: 0, start: 'skip' });
    expect(a.value()).toEqual(running('idle'));
    expect(a.calls).toEqual([
      ['beginTimeline', { segmentId: 'dark', offset: 0 }],
      ['skipSegment', { segmentId: 'dark', offset: 0 }],
    ]);
  });

  test('the engine losing its timeline returns to idle, and the next start is a first load again', () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    a.send({ type: 'TIMELINE_LOST' });
    expect(a.value()).toEqual(running('idle'));
    a.send({ type: 'START', segmentId: 'forest', offset: 0, start: 'load' });
    expect(a.loads.at(-1)!.input).toEqual({ segmentId: 'forest', offset: 0, first: true });
  });

  test('holding for a branch: drains once playable; a failed render is recorded, then drains', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    a.send({ type: 'HOLD', segmentId: 'gen-a' });
    a.send({ type: 'HOLD', segmentId: 'gen-a' }); // the same branch: one wait
    expect(a.value()).toEqual(running('buffering', 'holding'));
    expect(a.actor.getSnapshot().context.branch).toBe('gen-a');
    expect(a.waits.map((w) => w.input.segmentId)).toEqual(['gen-a']);
    a.waits[0]!.resolve();
    await tick();
    expect(a.value()).toEqual(running('buffering', 'flowing'));
    expect(a.names().at(-1)).toBe('drain');
    a.send({ type: 'HOLD', segmentId: 'gen-b' });
    a.waits[1]!.reject(new Error('no'));
    await tick();
    expect(a.names().slice(-2)).toEqual(['markRenderFailed', 'drain']);
    expect(a.actor.getSnapshot().context.branch).toBeNull();
  });

  test('a new timeline drops a held branch: its render settling later does nothing', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    a.send({ type: 'HOLD', segmentId: 'gen-a' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    expect(a.value()).toEqual(running('buffering', 'flowing'));
    a.waits[0]!.resolve();
    await tick();
    expect(a.names()).not.toContain('drain');
  });

  test('play and pause intent', () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'PLAY' });
    expect(a.value()).toEqual(running('idle', 'flowing', 'playing'));
    a.send({ type: 'PAUSE' });
    expect(a.value()).toEqual(running('idle', 'flowing', 'paused'));
    expect(a.names()).toEqual([]);
  });

  test('outages: retrying until every download recovers; reported once per outage', () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    const link = () => (a.actor.getSnapshot().value as { running: { link: string } }).running.link;
    a.send({ type: 'OUTAGE', key: 'u1', segmentId: 'intro', cause: 'fragment-load-failed', reason: 'HTTP 500' });
    a.send({ type: 'OUTAGE', key: 'generation', segmentId: undefined, cause: 'network', reason: 'down' });
    expect(link()).toBe('retrying');
    a.send({ type: 'REPORTED' });
    expect(link()).toBe('reconnecting');
    a.send({ type: 'OUTAGE_END', key: 'u1' });
    expect(link()).toBe('reconnecting');
    expect(a.actor.getSnapshot().context.outages.map((o) => o.key)).toEqual(['generation']);
    a.send({ type: 'OUTAGE_END', key: 'generation' });
    expect(link()).toBe('online');
    a.send({ type: 'OUTAGE', key: 'u2', segmentId: undefined, cause: 'x', reason: 'y' });
    a.send({ type: 'OUTAGE_END' });
    expect(link()).toBe('online');
    expect(a.actor.getSnapshot().context.outages).toEqual([]);
  });

  test('fatal stops the timeline (late settlements do nothing); destroy tears down once, from any state', async () => {
    const a = drive();
    a.send({ type: 'LOADED' });
    a.send({ type: 'START', segmentId: 'intro', offset: 0, start: 'load' });
    a.send({ type: 'FATAL', message: 'No playable path' });
    expect(a.value()).toBe('failed');
    expect(a.calls.at(-1)).toEqual(['reportFatal', { message: 'No playable path' }]);
    a.loads[0]!.resolve();
    await tick();
    expect(a.names()).not.toContain('resume');
    a.send({ type: 'DESTROY' });
    expect(a.value()).toBe('destroyed');
    expect(a.actor.getSnapshot().status).toBe('done');
    const b = drive();
    b.send({ type: 'DESTROY' });
    expect(b.value()).toBe('destroyed');
    expect(a.names().filter((n) => n === 'teardown')).toHaveLength(1);
  });
});

import { describe, expect, test } from 'vitest';
import { EventHub } from '../../../src/core/events/EventHub.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import { replayEarlyEvents } from '../../../src/player/setup/replayEarlyEvents.js';

const flush = (): Promise<void> => new Promise((r) => queueMicrotask(r));

describe('replayEarlyEvents', () => {
  test('a listener added before close gets the kept events of its type first, then live ones, in order', async () => {
    const hub = new EventHub<PlayerEvents>();
    const early = replayEarlyEvents(hub);
    hub.emit('segmentstart', { segmentId: 'intro' });
    hub.emit('error', { code: 'resume-failed', message: 'm', fatal: false });
    const seen: string[] = [];
    early.on('segmentstart', (e) => seen.push(e.segmentId));
    expect(seen).toEqual([]); // never inside on() itself
    hub.emit('segmentstart', { segmentId: 'forest' }); // live, before the catch-up ran
    await flush();
    hub.emit('segmentstart', { segmentId: 'lost' });
    expect(seen).toEqual(['intro', 'forest', 'lost']);
  });

  test('after close nothing is replayed, and what is kept is dropped', async () => {
    const hub = new EventHub<PlayerEvents>();
    const early = replayEarlyEvents(hub);
    hub.emit('segmentstart', { segmentId: 'intro' });
    early.close();
    expect(hub.listenerCount()).toBe(0);
    const seen: string[] = [];
    early.on('segmentstart', (e) => seen.push(e.segmentId));
    await flush();
    hub.emit('segmentstart', { segmentId: 'forest' });
    expect(seen).toEqual(['forest']);
  });

  test('a handler may unsubscribe with what on() returned, even on its first replayed event', async () => {
    const hub = new EventHub<PlayerEvents>();
    const early = replayEarlyEvents(hub);
    hub.emit('segmentstart', { segmentId: 'a' });
    hub.emit('segmentstart', { segmentId: 'b' });
    const seen: string[] = [];
    const off = early.on('segmentstart', (e) => {
      seen.push(e.segmentId);
      off();
    });
    await flush();
    hub.emit('segmentstart', { segmentId: 'c' });
    expect(seen).toEqual(['a']);
    early.close();
    expect(hub.listenerCount()).toBe(0);
  });

  test('off() before the catch-up: nothing is delivered; one handler on two types gets each its own', async () => {
    const hub = new EventHub<PlayerEvents>();
    const early = replayEarlyEvents(hub);
    hub.emit('segmentstart', { segmentId: 'intro' });
    hub.emit('ended', { segmentId: 'end' });
    const seen: unknown[] = [];
    const both = (e: { segmentId: string }) => seen.push(e.segmentId);
    early.on('segmentstart', both);
    early.on('ended', both);
    const dropped: unknown[] = [];
    const handler = (e: unknown) => dropped.push(e);
    early.on('segmentstart', handler);
    early.off('segmentstart', handler);
    await flush();
    expect(seen).toEqual(['intro', 'end']);
    expect(dropped).toEqual([]);
  });
});

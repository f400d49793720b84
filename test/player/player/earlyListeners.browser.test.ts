import { afterEach, describe, expect, test } from 'vitest';
import { createPlayer } from '../../../src/player/createPlayer.js';
import { defineOffshootPlayer } from '../../../src/player/element/OffshootPlayerElement.js';
import type { OffshootPlayerElement } from '../../../src/player/element/OffshootPlayerElement.js';
import type { Player } from '../../../src/player/setup/Player.js';
import { next, nightWalk, stage } from './helpers.js';

// Issue 16: the story starts inside createPlayer, yet a listener added right after it
// resolves must still see the start segment (docs/decisions/0007-player-lifecycle.md).
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

describe('listeners added after the player is ready', () => {
  test('player.on() right after `await createPlayer()` sees segmentstart for the start segment, then the rest once', async () => {
    const container = stage();
    const player: Player = await createPlayer(container, {
      story: await nightWalk(),
      baseUrl: '/test/',
      autoplay: true,
      muted: true,
    });
    cleanup.push(
      () => player.destroy(),
      () => container.remove(),
    );
    const seen: string[] = [];
    player.on('segmentstart', (e) => seen.push(e.segmentId));
    // A task later the early window is closed: a listener added then hears only what comes next.
    await new Promise((r) => setTimeout(r, 0));
    const late: string[] = [];
    player.on('segmentstart', (e) => late.push(e.segmentId));
    expect(seen).toEqual(['intro']);
    await next(player, 'choicestart', (e) => e.segmentId === 'intro');
    player.choose('dark');
    await next(player, 'segmentstart', (e) => e.segmentId === 'dark');
    expect(seen).toEqual(['intro', 'dark']);
    expect(late).toEqual(['dark']);
  });

  test('<offshoot-player>: a DOM listener added right after `await el.ready` sees segmentstart for the start segment', async () => {
    defineOffshootPlayer();
    const el = document.createElement('offshoot-player') as OffshootPlayerElement;
    el.setAttribute('src', '/examples/night-walk.json');
    el.setAttribute('base-url', '/test/');
    el.setAttribute('autoplay', '');
    el.setAttribute('muted', '');
    el.style.width = '320px';
    document.body.appendChild(el);
    cleanup.push(() => el.remove());
    const player = await el.ready;
    expect(player).not.toBeNull();
    const seen: string[] = [];
    el.addEventListener('segmentstart', (e) => seen.push((e as CustomEvent).detail.segmentId));
    const opened = new Promise((resolve) => el.addEventListener('choicestart', resolve, { once: true }));
    await opened;
    expect(seen).toEqual(['intro']);
  });
});

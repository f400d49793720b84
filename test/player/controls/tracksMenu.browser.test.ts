// The tracks menu of the control bar on its own: roles and states a screen reader reads,
// keyboard / TV remote (arrows, Enter, Escape), pointer (a tap), and the audio group that
// appears when a segment has alternate audio renditions.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { EventHub } from '../../../src/core/events/EventHub.js';
import { createControls } from '../../../src/player/controls/createControls.js';
import type { Controls } from '../../../src/player/controls/createControls.js';
import { controlStyles } from '../../../src/player/controls/controlStyles.js';
import type { OverlayEvents } from '../../../src/player/overlay/OverlayEvents.js';

let controls: Controls | null = null;
let host: HTMLDivElement | null = null;
afterEach(() => {
  controls?.destroy();
  host?.remove();
});

function make() {
  host = document.createElement('div');
  Object.assign(host.style, { position: 'relative', width: '640px', height: '360px' });
  const style = document.createElement('style');
  style.textContent = controlStyles;
  host.append(style);
  document.body.append(host);
  const hub = new EventHub<OverlayEvents>();
  const asked: string[] = [];
  hub.on('subtitle-request', ({ id }) => asked.push(`subtitle ${id}`));
  hub.on('audio-request', ({ id }) => asked.push(`audio ${id}`));
  controls = createControls(host, hub);
  const button = host.querySelector<HTMLButtonElement>('[data-control=tracks]')!;
  const menu = host.querySelector<HTMLElement>('[role=menu]')!;
  const items = () => [...menu.querySelectorAll<HTMLElement>('[role=menuitemradio]')];
  return { button, menu, items, asked };
}

const EN_FR = [
  { id: 0, name: 'English', lang: 'en' },
  { id: 1, name: 'Français', lang: 'fr' },
];

describe('tracks menu', () => {
  it('is hidden with nothing to choose (no subtitles, one audio rendition)', () => {
    const { button } = make();
    expect(button.hidden).toBe(true);
    controls!.update({ audioTracks: [EN_FR[0]!], audioTrack: 0 });
    expect(button.hidden).toBe(true);
    controls!.update({ subtitleTracks: EN_FR, subtitleTrack: -1 });
    expect(button.hidden).toBe(false);
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
  });

  it('lists subtitles (with Off) and audio as labelled groups of menuitemradio with aria-checked; names as text', () => {
    const { items, menu } = make();
    controls!.update({
      subtitleTracks: [...EN_FR, { id: 2, name: '<img src=x onerror=alert(1)>', lang: 'xx' }],
      subtitleTrack: 1,
      audioTracks: EN_FR,
      audioTrack: 0,
    });
    const groups = [...menu.querySelectorAll('[role=group]')].map(
      (g) => document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent,
    );
    expect(groups).toEqual(['Subtitles', 'Audio']);
    expect(items().map((i) => [i.dataset.group, i.textContent, i.getAttribute('aria-checked')])).toEqual([
      ['subtitles', 'Off', 'false'],
      ['subtitles', 'English', 'false'],
      ['subtitles', 'Français', 'true'],
      ['subtitles', '<img src=x onerror=alert(1)>', 'false'],
      ['audio', 'English', 'true'],
      ['audio', 'Français', 'false'],
    ]);
    expect(menu.querySelector('img')).toBeNull();
  });

  it('keyboard / remote: ArrowDown opens on the checked item, arrows wrap, Enter picks and returns focus, Escape closes', async () => {
    const { button, menu, items, asked } = make();
    controls!.update({ subtitleTracks: EN_FR, subtitleTrack: 0, audioTracks: EN_FR, audioTrack: 0 });
    button.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(menu.hidden).toBe(false);
    expect(document.activeElement).toBe(items()[1]);
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(items().at(-1)); // wrapped to the last: audio Français
    await userEvent.keyboard('{Enter}');
    expect(asked).toEqual(['audio 1']);
    expect(menu.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Escape}');
    expect(menu.hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(asked).toEqual(['audio 1']);
  });

  it('pointer: a tap on the button opens, a tap on an item picks', async () => {
    const { button, items, menu, asked } = make();
    controls!.update({ subtitleTracks: EN_FR, subtitleTrack: 0 });
    await userEvent.click(button);
    expect(menu.hidden).toBe(false);
    await userEvent.click(items()[0]!);
    expect(asked).toEqual(['subtitle -1']);
    expect(menu.hidden).toBe(true);
  });
});

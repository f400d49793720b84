import type { EventHub } from '../../core/events/EventHub.js';
import type { PlayerErrorCode, PlayerEvents } from '../PlayerEvents.js';

/**
 * Show `message` as text inside the player (role="alert") and emit a fatal `error`.
 * The event goes out on the next task, so a handler added right after
 * `await createPlayer(...)` still receives it.
 *
 * @example
 * const cancel = showFatal(root, hub, 'story-invalid', 'segments.intro.next: unknown segment "frest"');
 */
export function showFatal(
  root: HTMLElement,
  hub: EventHub<PlayerEvents>,
  code: PlayerErrorCode,
  message: string,
): () => void {
  const box = root.ownerDocument.createElement('div');
  box.setAttribute('role', 'alert');
  box.className = 'osp-fatal';
  Object.assign(box.style, {
    position: 'absolute',
    inset: '0',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: '24px',
    color: '#fff',
    background: '#111',
    font: '15px/1.5 system-ui, sans-serif',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    textAlign: 'left',
    overflow: 'auto',
  });
  box.textContent = message;
  root.appendChild(box);
  const timer = setTimeout(() => hub.emit('error', { code, message, fatal: true }), 0);
  return () => clearTimeout(timer);
}

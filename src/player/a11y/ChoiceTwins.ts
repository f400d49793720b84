import type { Rect } from '../overlay/layout.js';
import type { OverlayOption } from '../overlay/OverlayEvents.js';

export interface ChoiceTwinsCallbacks {
  /** The viewer activated an option (click, tap, Enter, Space, remote OK). */
  onChoose(optionId: string): void;
  /** Keyboard focus moved to an option (or left them: null), so the canvas can draw it. */
  onFocus(optionId: string | null): void;
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * Real `<button>`s laid exactly over the options drawn on the canvas. They are
 * transparent but focusable and hit-testable, so keyboard, TV remote (arrows + OK),
 * screen readers, mouse and touch all go through the same element.
 *
 * @example
 * const twins = new ChoiceTwins(layer, { onChoose: (id) => hub.emit('choice-request', { optionId: id }), onFocus: () => {} });
 * twins.show('Which way?', [{ id: 'l', label: 'Left' }], [{ x: 10, y: 10, width: 100, height: 40 }]);
 */
export class ChoiceTwins {
  readonly element: HTMLDivElement;
  private buttons: HTMLButtonElement[] = [];
  private locked = false;

  constructor(
    parent: HTMLElement,
    private readonly callbacks: ChoiceTwinsCallbacks,
  ) {
    this.element = parent.ownerDocument.createElement('div');
    this.element.className = 'osp-twins';
    this.element.setAttribute('role', 'group');
    this.element.hidden = true;
    this.element.addEventListener('keydown', this.onKeyDown);
    this.element.addEventListener('focusin', this.onFocusIn);
    this.element.addEventListener('focusout', this.onFocusOut);
    parent.appendChild(this.element);
  }

  /** Create one button per option; labels are set with textContent only. */
  show(prompt: string, options: OverlayOption[], rects: Rect[]): void {
    this.clear();
    this.locked = false;
    this.element.setAttribute('aria-label', prompt);
    const doc = this.element.ownerDocument;
    for (const option of options) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'osp-twin';
      button.textContent = option.label;
      button.dataset.optionId = option.id;
      button.addEventListener('click', this.onClick);
      this.buttons.push(button);
      this.element.appendChild(button);
      this.setReady(option.id, option.ready !== false);
    }
    this.layout(rects);
    this.element.hidden = false;
  }

  /** Move the buttons over the drawn options (after a resize). */
  layout(rects: Rect[]): void {
    this.buttons.forEach((button, i) => {
      const r = rects[i];
      if (!r) return;
      Object.assign(button.style, {
        left: `${r.x}px`,
        top: `${r.y}px`,
        width: `${r.width}px`,
        height: `${r.height}px`,
      });
    });
  }

  setReady(optionId: string, ready: boolean): void {
    const button = this.find(optionId);
    if (!button) return;
    button.dataset.ready = String(ready);
    if (ready) button.removeAttribute('aria-description');
    else button.setAttribute('aria-description', 'still being prepared');
  }

  /** After a choice: the buttons stay for the transition but no longer react. */
  lock(): void {
    this.locked = true;
    for (const b of this.buttons) b.setAttribute('aria-disabled', 'true');
  }

  hide(): void {
    const hadFocus = this.element.contains(this.element.ownerDocument.activeElement);
    this.clear();
    this.element.hidden = true;
    if (hadFocus) this.callbacks.onFocus(null);
  }

  /** Put keyboard focus on an option (the first by default). */
  focus(index = 0): void {
    this.buttons[Math.max(0, Math.min(index, this.buttons.length - 1))]?.focus();
  }

  isOpen(): boolean {
    return this.buttons.length > 0 && !this.locked;
  }

  destroy(): void {
    this.clear();
    this.element.removeEventListener('keydown', this.onKeyDown);
    this.element.removeEventListener('focusin', this.onFocusIn);
    this.element.removeEventListener('focusout', this.onFocusOut);
    this.element.remove();
  }

  private find(optionId: string): HTMLButtonElement | undefined {
    return this.buttons.find((b) => b.dataset.optionId === optionId);
  }

  private clear(): void {
    for (const b of this.buttons) {
      b.removeEventListener('click', this.onClick);
      b.remove();
    }
    this.buttons = [];
  }

  private readonly onClick = (event: MouseEvent): void => {
    const id = (event.currentTarget as HTMLButtonElement).dataset.optionId;
    if (this.locked || id === undefined) return;
    this.callbacks.onChoose(id);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const index = this.buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    let next = -1;
    if (NEXT_KEYS.has(event.key)) next = (index + 1) % this.buttons.length;
    else if (PREV_KEYS.has(event.key)) next = (index - 1 + this.buttons.length) % this.buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.buttons.length - 1;
    if (next < 0) return;
    event.preventDefault();
    this.buttons[next]?.focus();
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    const id = (event.target as HTMLElement).dataset.optionId;
    if (id !== undefined) this.callbacks.onFocus(id);
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    if (!this.element.contains(event.relatedTarget as Node | null)) this.callbacks.onFocus(null);
  };
}

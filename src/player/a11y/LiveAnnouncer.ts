/**
 * A polite live region: screen readers read what is put here without moving focus.
 * Text is set with textContent only (story text is never HTML).
 *
 * @example
 * const live = new LiveAnnouncer(root);
 * live.announce('Which way? Options: Left, Right. 8 seconds to choose.');
 * live.destroy();
 */
export class LiveAnnouncer {
  readonly element: HTMLDivElement;
  private flip = false;

  constructor(parent: HTMLElement) {
    this.element = parent.ownerDocument.createElement('div');
    this.element.className = 'osp-visually-hidden';
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.element.setAttribute('aria-atomic', 'true');
    this.element.dataset.ospLive = '';
    parent.appendChild(this.element);
  }

  /** Replace what the region says. */
  announce(text: string): void {
    // Screen readers skip a region whose text did not change; a trailing
    // non-breaking space that alternates makes a repeated message read again.
    this.flip = text === this.text() ? !this.flip : false;
    this.element.textContent = this.flip ? `${text}\u00a0` : text;
  }

  /** What the region says now (without the repeat marker). */
  text(): string {
    return (this.element.textContent ?? '').replace(/\u00a0$/, '');
  }

  destroy(): void {
    this.element.remove();
  }
}

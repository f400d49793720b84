import { setIcon } from './icons.js';

/** One choice in the menu. */
export interface TrackItem {
  id: number;
  label: string;
}

/** A titled group of radio items (subtitles; audio when there are audio tracks). */
export interface TrackGroup {
  name: 'subtitles' | 'audio';
  title: string;
  items: TrackItem[];
  /** The checked item's id. */
  current: number;
  onSelect(id: number): void;
}

/**
 * The tracks control: a button in the control bar that opens a menu of subtitle tracks (with
 * "Off") and audio tracks, as WAI-ARIA menu / menuitemradio with `aria-checked`.
 * Operable by keyboard and TV remote (arrows move, Enter/Space picks, Escape or Tab closes and
 * focus goes back to the button), touch and screen readers. Track names come from playlists:
 * set as text only. Hidden while there is nothing to choose.
 *
 * @example
 * const menu = new TracksMenu(bar);
 * menu.update([{ name: 'subtitles', title: 'Subtitles', items: [{ id: -1, label: 'Off' }], current: -1, onSelect }]);
 */
export class TracksMenu {
  readonly button: HTMLButtonElement;
  readonly menu: HTMLDivElement;
  private groups: TrackGroup[] = [];
  private readonly doc: Document;
  private static count = 0;

  constructor(bar: HTMLElement) {
    this.doc = bar.ownerDocument;
    const id = `osp-tracks-${++TracksMenu.count}`;
    this.button = this.doc.createElement('button');
    this.button.type = 'button';
    this.button.className = 'osp-ctl osp-ctl-tracks';
    this.button.dataset.control = 'tracks';
    this.button.setAttribute('aria-label', 'Subtitles and audio');
    this.button.title = 'Subtitles and audio';
    this.button.setAttribute('aria-haspopup', 'menu');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', id);
    this.button.hidden = true;
    setIcon(this.button, 'subtitles');
    this.menu = this.doc.createElement('div');
    this.menu.id = id;
    this.menu.className = 'osp-tracks-menu';
    this.menu.setAttribute('role', 'menu');
    this.menu.setAttribute('aria-label', 'Subtitles and audio');
    this.menu.hidden = true;
    this.button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    this.button.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      e.preventDefault();
      e.stopPropagation(); // not the player's "arrows jump into an open choice"
      this.open();
    });
    this.menu.addEventListener('keydown', (e) => this.onKey(e));
    this.menu.addEventListener('focusout', (e) => {
      const to = e.relatedTarget as Node | null;
      if (this.isOpen && to && !this.menu.contains(to) && to !== this.button) this.close(false);
    });
    bar.append(this.button, this.menu);
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  /** Replace the groups (an empty group is left out; no items at all hides the button). */
  update(groups: TrackGroup[]): void {
    this.groups = groups.filter((g) => g.items.length > 0);
    // Nothing to choose: no subtitle track (the lone "Off" does not count) and no audio choice.
    this.button.hidden = !this.groups.some((g) => g.items.some((i) => i.id >= 0));
    if (this.button.hidden && this.isOpen) this.close(false);
    const focused = this.items().indexOf(this.doc.activeElement as HTMLElement);
    this.render();
    if (focused >= 0) this.items()[Math.min(focused, this.items().length - 1)]?.focus();
  }

  open(): void {
    if (this.button.hidden) return;
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const items = this.items();
    (items.find((i) => i.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  }

  close(refocus: boolean): void {
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (refocus) this.button.focus();
  }

  private render(): void {
    const nodes = this.groups.map((group) => {
      const box = this.doc.createElement('div');
      box.setAttribute('role', 'group');
      box.className = 'osp-tracks-group';
      const title = this.doc.createElement('div');
      title.className = 'osp-tracks-title';
      title.id = `${this.menu.id}-${group.name}`;
      title.textContent = group.title;
      box.setAttribute('aria-labelledby', title.id);
      box.append(title);
      for (const item of group.items) {
        const el = this.doc.createElement('div');
        el.className = 'osp-tracks-item';
        el.setAttribute('role', 'menuitemradio');
        el.setAttribute('aria-checked', String(item.id === group.current));
        el.tabIndex = -1;
        el.dataset.group = group.name;
        el.dataset.track = String(item.id);
        el.textContent = item.label;
        el.addEventListener('click', () => this.pick(group, item.id));
        box.append(el);
      }
      return box;
    });
    this.menu.replaceChildren(...nodes);
  }

  private pick(group: TrackGroup, id: number): void {
    this.close(true);
    group.onSelect(id);
  }

  private items(): HTMLElement[] {
    return [...this.menu.querySelectorAll<HTMLElement>('[role=menuitemradio]')];
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(e.target as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') this.close(true);
    else if (e.key === 'Tab') return this.close(false);
    else if (e.key === 'Enter' || e.key === ' ') {
      const el = items[at];
      const group = this.groups.find((g) => g.name === el?.dataset.group);
      if (el && group) this.pick(group, Number(el.dataset.track));
    } else return;
    // Handled here: the player's own arrow-key handling (jump into a choice) must not see it.
    e.preventDefault();
    e.stopPropagation();
  }
}

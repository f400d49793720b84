import { TextStyle } from 'pixi.js';

/** What a piece of overlay text looks like; every value is already rounded by the caller. */
export interface TextLook {
  fontSize: number;
  fill: number;
  fontWeight: '400' | '600' | '700';
  align?: 'left' | 'center' | 'right';
  /** Wrap at this width (CSS pixels); no wrapping when absent. */
  wordWrapWidth?: number;
}

/** Distinct looks kept at once: a few sizes × roles; more only while the player is resized a lot. */
const MAX_LOOKS = 64;

/**
 * One shared, never-mutated pixi TextStyle per look, for the overlay's short-lived texts.
 *
 * Why: pixi caches text measurements, bitmap-text layouts and text textures under the
 * style's identity (its uid and edit count). A fresh style per choice panel, edited on every
 * layout, made every choice's prompt and labels new cache entries: nothing was ever reused,
 * and each cache filled to its 1,000-entry limit over a long session (the soak bench's heap
 * grew for hundreds of transitions). With shared styles the same label in the same look is
 * measured once and its texture is shared.
 *
 * Styles handed out must not be edited: ask for another look instead.
 *
 * @example
 * const styles = new TextStyles(theme.fontFamily);
 * text.style = styles.get({ fontSize: 17, fill: 0xffffff, fontWeight: '600', align: 'center', wordWrapWidth: 180 });
 */
export class TextStyles {
  private readonly looks = new Map<string, TextStyle>();

  constructor(private readonly fontFamily: string) {}

  get(look: TextLook): TextStyle {
    const key = `${look.fontSize}|${look.fill}|${look.fontWeight}|${look.align ?? ''}|${look.wordWrapWidth ?? ''}`;
    let style = this.looks.get(key);
    if (style) {
      // Most recently used last, so the oldest look goes first when there are too many.
      this.looks.delete(key);
      this.looks.set(key, style);
      return style;
    }
    style = new TextStyle({
      fontFamily: this.fontFamily,
      fontSize: look.fontSize,
      fill: look.fill,
      fontWeight: look.fontWeight,
      align: look.align ?? 'left',
      wordWrap: look.wordWrapWidth !== undefined,
      wordWrapWidth: look.wordWrapWidth ?? 100,
    });
    this.looks.set(key, style);
    // A dropped look stays valid for the texts still using it; it is only no longer shared.
    if (this.looks.size > MAX_LOOKS) this.looks.delete(this.looks.keys().next().value!);
    return style;
  }

  get size(): number {
    return this.looks.size;
  }
}

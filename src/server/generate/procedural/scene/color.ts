import { NAMED_COLORS } from './keywords/namedColors.js';

/** An sRGB colour, channels 0..255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const RGB_FN = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/i;

/**
 * Parse a CSS colour: `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a common colour name.
 * Returns `undefined` for anything else so the caller can fall back and say so.
 *
 * @example
 * parseColor('#f80'); // { r: 255, g: 136, b: 0 }
 * parseColor('Ginger'); // { r: 200, g: 100, b: 42 }
 */
export function parseColor(text: string): Rgb | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  const named = NAMED_COLORS[s];
  if (named) return parseColor(named);
  const hex = HEX.exec(s);
  if (hex) {
    const h = hex[1]!;
    const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
    const n = parseInt(full, 16);
    return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
  }
  const fn = RGB_FN.exec(s);
  if (fn) {
    const [r, g, b] = [fn[1], fn[2], fn[3]].map((v) => Math.min(255, Number(v)));
    return { r: r!, g: g!, b: b! };
  }
  return undefined;
}

/** `#rrggbb` for a colour (channels rounded and clamped). */
export function toHex(c: Rgb): string {
  const ch = (v: number) =>
    Math.max(0, Math.min(255, Math.round(v)))
      .toString(16)
      .padStart(2, '0');
  return `#${ch(c.r)}${ch(c.g)}${ch(c.b)}`;
}

/** Linear mix of two hex colours: t=0 gives `a`, t=1 gives `b`. */
export function mix(a: string, b: string, t: number): string {
  const x = parseColor(a) ?? { r: 0, g: 0, b: 0 };
  const y = parseColor(b) ?? { r: 0, g: 0, b: 0 };
  return toHex({ r: x.r + (y.r - x.r) * t, g: x.g + (y.g - x.g) * t, b: x.b + (y.b - x.b) * t });
}

/** Darken (amount < 0, towards black) or lighten (amount > 0, towards white). */
export function shade(color: string, amount: number): string {
  return amount < 0 ? mix(color, '#000000', -amount) : mix(color, '#ffffff', amount);
}

/** Move a colour towards its own grey by `amount` (0..1). */
export function desaturate(color: string, amount: number): string {
  const c = parseColor(color) ?? { r: 0, g: 0, b: 0 };
  const grey = Math.round(0.299 * c.r + 0.587 * c.g + 0.114 * c.b);
  return mix(color, toHex({ r: grey, g: grey, b: grey }), amount);
}

/** `rgba(...)` string of a hex colour with alpha, for glows and fog. */
export function withAlpha(color: string, alpha: number): string {
  const c = parseColor(color) ?? { r: 0, g: 0, b: 0 };
  return `rgba(${c.r},${c.g},${c.b},${Math.max(0, Math.min(1, alpha)).toFixed(3)})`;
}

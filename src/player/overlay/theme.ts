/**
 * Visual constants for everything the overlay draws. Sizes are in CSS pixels at a
 * 640×360 reference and multiplied by `scaleFor(width, height)` so the overlay reads
 * the same on a phone and on a TV.
 */
export const theme = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  /** Panels: near-black with enough alpha for white text to pass WCAG AA on any frame. */
  panel: 0x0b0d12,
  panelAlpha: 0.82,
  panelRadius: 12,
  text: 0xffffff,
  mutedText: 0xc9ced8,
  accent: 0x4cc2ff,
  warn: 0xffb347,
  /** Space kept free at each edge (title-safe area for TVs). */
  safeMargin: 20,
  promptSize: 20,
  optionSize: 17,
  captionSize: 18,
  barHeight: 6,
  optionHeight: 48,
  optionGap: 12,
  optionMinWidth: 120,
  optionMaxWidth: 260,
  /** Confirm transition length (skipped under prefers-reduced-motion). */
  transitionMs: 420,
} as const;

/**
 * How much to scale the reference sizes for a stage of `width`×`height` CSS pixels.
 *
 * @example
 * scaleFor(1280, 720); // 2
 */
export function scaleFor(width: number, height: number): number {
  const s = Math.min(width / 640, height / 360);
  return Math.max(0.6, Math.min(3, s));
}

import type { Rect } from './layout.js';
import { theme } from './theme.js';

/** Narrowest option button, CSS pixels, whatever the scale. */
const MIN_OPTION_CSS_PX = 110;

export interface ChoiceLayout {
  /** The rounded panel behind prompt, options and countdown. */
  panel: Rect;
  prompt: Rect;
  options: Rect[];
  countdown: Rect;
}

/**
 * Where the choice panel and its buttons go on a `width`×`height` stage: a panel at
 * the bottom inside the safe margins, options in rows that wrap when the stage is narrow.
 * The DOM twins use the same rectangles, so pointer and touch hit what is drawn.
 *
 * @example
 * const l = layoutChoices(1280, 720, 3, 2);
 * l.options.length; // 3
 */
export function layoutChoices(width: number, height: number, count: number, scale: number): ChoiceLayout {
  const margin = theme.safeMargin * scale;
  const pad = 14 * scale;
  const gap = theme.optionGap * scale;
  const optionH = theme.optionHeight * scale;
  const promptH = theme.promptSize * scale * 1.5;
  const barH = theme.barHeight * scale;
  const innerW = Math.max(0, width - 2 * margin - 2 * pad);
  // Never narrower than a readable button: below that, options wrap into rows instead.
  const minW = Math.min(innerW, Math.max(theme.optionMinWidth * scale, MIN_OPTION_CSS_PX));
  const ideal = Math.min(
    theme.optionMaxWidth * scale,
    Math.max(minW, (innerW - gap * (count - 1)) / Math.max(1, count)),
  );
  const perRow = Math.max(1, Math.min(count, Math.floor((innerW + gap) / (ideal + gap))));
  const rows = Math.max(1, Math.ceil(count / perRow));
  const optionW = Math.min(ideal, (innerW - gap * (perRow - 1)) / perRow);
  const panelH = pad + promptH + gap + rows * optionH + (rows - 1) * gap + gap + barH + pad;
  const panelW = Math.min(width - 2 * margin, perRow * optionW + (perRow - 1) * gap + 2 * pad);
  const panel: Rect = {
    x: (width - panelW) / 2,
    y: Math.max(margin, height - margin - panelH),
    width: panelW,
    height: panelH,
  };
  const prompt: Rect = { x: panel.x + pad, y: panel.y + pad, width: panelW - 2 * pad, height: promptH };
  const options: Rect[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, count - row * perRow);
    const rowW = inRow * optionW + (inRow - 1) * gap;
    const col = i - row * perRow;
    options.push({
      x: panel.x + (panelW - rowW) / 2 + col * (optionW + gap),
      y: prompt.y + promptH + gap + row * (optionH + gap),
      width: optionW,
      height: optionH,
    });
  }
  const countdown: Rect = { x: panel.x + pad, y: panel.y + panelH - pad - barH, width: panelW - 2 * pad, height: barH };
  return { panel, prompt, options, countdown };
}

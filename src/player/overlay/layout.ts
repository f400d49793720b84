/** A rectangle in stage (CSS pixel) coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Fit a `mediaWidth`×`mediaHeight` picture inside a box, keeping its aspect ratio
 * (letterbox or pillarbox), centred.
 *
 * @example
 * letterbox(1920, 1080, 400, 400); // { x: 0, y: 87.5, width: 400, height: 225 }
 */
export function letterbox(mediaWidth: number, mediaHeight: number, boxWidth: number, boxHeight: number): Rect {
  if (mediaWidth <= 0 || mediaHeight <= 0 || boxWidth <= 0 || boxHeight <= 0) {
    return { x: 0, y: 0, width: Math.max(0, boxWidth), height: Math.max(0, boxHeight) };
  }
  const scale = Math.min(boxWidth / mediaWidth, boxHeight / mediaHeight);
  const width = mediaWidth * scale;
  const height = mediaHeight * scale;
  return { x: (boxWidth - width) / 2, y: (boxHeight - height) / 2, width, height };
}

import { createCanvas } from '@napi-rs/canvas';
import type { Scene } from '../scene/Scene.js';
import { paintFrame } from './paintFrame.js';

/** A CPU (Skia) canvas that paints frames of one scene and hands out their pixels. */
export interface FrameCanvas {
  readonly width: number;
  readonly height: number;
  /** Paint the frame at `t` seconds and return its RGBA pixels (a fresh copy, safe to queue). */
  rgba(t: number): Buffer;
  /** Paint the frame at `t` seconds and return it as PNG (previews, thumbnails). */
  png(t: number): Buffer;
}

/**
 * Wrap @napi-rs/canvas around `paintFrame`. Pixels come straight from Skia's buffer
 * (RGBA, opaque, so premultiplication is a no-op), no PNG round trip.
 *
 * @example
 * const frames = createFrameCanvas(scene, 640, 360);
 * encoder.stdin.write(frames.rgba(0));
 */
export function createFrameCanvas(scene: Scene, width: number, height: number): FrameCanvas {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16 || width % 2 || height % 2) {
    throw new Error(`createFrameCanvas: size must be even integers ≥ 16 (got ${width}x${height})`);
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
  const paint = (t: number) => {
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, width, height);
    paintFrame(ctx, scene, t, width, height);
  };
  return {
    width,
    height,
    rgba(t) {
      paint(t);
      // data() already hands back a fresh buffer (not a view of Skia's surface), so no second copy.
      return canvas.data();
    },
    png(t) {
      paint(t);
      return canvas.toBuffer('image/png');
    },
  };
}

import type { Camera } from '../scene/Scene.js';

/** Smooth start and stop, so a camera move never jerks at a segment boundary. */
export function ease(p: number): number {
  const x = Math.max(0, Math.min(1, p));
  return x * x * (3 - 2 * x);
}

/**
 * Apply the camera for a layer at `depth` (0 far .. 1 near) at clip progress `progress`:
 * nearer layers slide further on a pan (parallax) and grow more on a dolly.
 *
 * @example
 * ctx.save(); applyCamera(ctx, scene.camera, 0.85, t / scene.durationSeconds); drawGround(); ctx.restore();
 */
export function applyCamera(ctx: CanvasRenderingContext2D, camera: Camera, depth: number, progress: number): void {
  const p = ease(progress);
  const zoom =
    camera.move === 'zoom'
      ? camera.zoomFrom + (camera.zoomTo - camera.zoomFrom) * p
      : camera.move === 'dolly'
        ? 1 + (camera.zoomTo - 1) * p * (0.2 + depth)
        : 1;
  const shift = -camera.panPx * p * depth;
  ctx.translate(640, 420);
  ctx.scale(zoom, zoom);
  ctx.translate(-640 + shift, -420);
}

import { withAlpha } from '../scene/color.js';
import type { Figure, Prop, Scene } from '../scene/Scene.js';
import { applyCamera } from './cameraAt.js';
import { figurePose } from './figures/figurePose.js';
import { paintBird } from './figures/paintBird.js';
import { paintPerson } from './figures/paintPerson.js';
import { paintQuadruped } from './figures/paintQuadruped.js';
import { paintRobot } from './figures/paintRobot.js';
import { paintFinish } from './paintFinish.js';
import { paintLayer } from './paintLayer.js';
import { paintParticles } from './paintParticles.js';
import { lightOffset, paintProp } from './paintProp.js';
import { paintSky } from './paintSky.js';

type Drawable = { depth: number; order: number; draw: () => void };

/**
 * Paint the frame at time `t` (seconds) of `scene` into `ctx`, a plain
 * CanvasRenderingContext2D of any size: the same code runs on @napi-rs/canvas (Skia, CPU)
 * in Node and on a browser canvas (GPU). Pure in (scene, t): frames can be painted in any order.
 *
 * @example
 * const canvas = createCanvas(640, 360);
 * paintFrame(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, scene, 1.5, 640, 360);
 */
export function paintFrame(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  t: number,
  width: number,
  height: number,
): void {
  const progress = t / scene.durationSeconds;
  ctx.save();
  ctx.setTransform(width / 1280, 0, 0, height / 720, 0, 0);
  ctx.globalCompositeOperation = 'source-over';
  ctx.globalAlpha = 1;
  ctx.save();
  applyCamera(ctx, scene.camera, 0.03, progress);
  paintSky(ctx, scene, t);
  ctx.restore();

  const drawables: Drawable[] = [];
  const at = (depth: number, order: number, draw: () => void) => drawables.push({ depth, order, draw });
  scene.layers.forEach((layer) => at(layer.depth, 0, () => paintLayer(ctx, layer, t)));
  scene.props.forEach((p) =>
    at(p.depth, p.carriedBy !== undefined ? 3 : 1, () => {
      const pos = propPosition(scene, p, t);
      paintProp(ctx, p, pos.x, pos.y, t, scene.palette.warm);
    }),
  );
  scene.characters.forEach((f) => at(f.depth, 2, () => paintFigure(ctx, f, t)));
  drawables.sort((a, b) => a.depth - b.depth || a.order - b.order);
  for (const d of drawables) {
    ctx.save();
    applyCamera(ctx, scene.camera, d.depth, progress);
    d.draw();
    ctx.restore();
  }
  paintLights(ctx, scene, t, progress);
  const room = scene.layers.find((l) => l.kind === 'room');
  const indoorClip =
    room && (scene.particles.kind === 'rain' || scene.particles.kind === 'snow') ? room.window : undefined;
  paintParticles(ctx, scene.particles, t, indoorClip);
  paintFinish(ctx, scene, t);
  ctx.restore();
}

function paintFigure(ctx: CanvasRenderingContext2D, f: Figure, t: number): void {
  const pose = figurePose(f, t);
  if (f.motion !== 'fly') {
    ctx.fillStyle = 'rgba(0,0,0,0.22)';
    ctx.beginPath();
    ctx.ellipse(pose.x, f.y + 2, 70 * f.scale, 9 * f.scale, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  if (f.kind === 'person') paintPerson(ctx, f, pose);
  else if (f.kind === 'robot') paintRobot(ctx, f, pose, t);
  else if (f.kind === 'bird') paintBird(ctx, f, pose);
  else paintQuadruped(ctx, f, pose);
}

function propPosition(scene: Scene, p: Prop, t: number): { x: number; y: number } {
  const carrier = p.carriedBy === undefined ? undefined : scene.characters[p.carriedBy];
  if (!carrier) return { x: p.x, y: p.y };
  const pose = figurePose(carrier, t);
  return { x: pose.hand.x, y: pose.hand.y + Math.sin(t * 4) * 2 };
}

/** Additive glows of every light source, stronger the darker the hour. */
function paintLights(ctx: CanvasRenderingContext2D, scene: Scene, t: number, progress: number): void {
  const strength = { day: 0.3, dawn: 0.55, dusk: 0.75, night: 1 }[scene.timeOfDay];
  for (const p of scene.props) {
    if (!p.light) continue;
    const pos = propPosition(scene, p, t);
    const off = lightOffset(p);
    const x = pos.x + off.dx * p.scale;
    const y = pos.y + off.dy * p.scale;
    const flicker = 1 + p.light.flicker * (Math.sin(t * 13 + p.x) * 0.6 + Math.sin(t * 7.3) * 0.4);
    const r = p.light.radius * flicker;
    ctx.save();
    applyCamera(ctx, scene.camera, p.depth, progress);
    ctx.globalCompositeOperation = 'lighter';
    const g = ctx.createRadialGradient(x, y, 2, x, y, r);
    g.addColorStop(0, withAlpha(p.light.color, 0.75 * strength));
    g.addColorStop(0.25, withAlpha(p.light.color, 0.28 * strength));
    g.addColorStop(1, withAlpha(p.light.color, 0));
    ctx.fillStyle = g;
    ctx.fillRect(x - r, y - r, r * 2, r * 2);
    if (p.kind === 'lighthouse') {
      const a = t * 1.2;
      ctx.fillStyle = withAlpha(p.light.color, 0.22 * strength);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + Math.cos(a) * 1400, y + Math.sin(a) * 60 - 40);
      ctx.lineTo(x + Math.cos(a) * 1400, y + Math.sin(a) * 60 + 40);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  }
}

import type { Figure } from '../../scene/Scene.js';
import type { FigurePose } from './figurePose.js';

/** A bird in flight: flapping wings, body in `figure.color`, beak in `accent`. */
export function paintBird(ctx: CanvasRenderingContext2D, f: Figure, pose: FigurePose): void {
  ctx.save();
  ctx.translate(pose.x, pose.y);
  ctx.scale(pose.s * f.facing * 2, pose.s * 2);
  const flap = Math.sin(pose.cycle);
  ctx.fillStyle = f.color;
  ctx.beginPath();
  ctx.ellipse(0, 0, 22, 9, -0.1, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.arc(20, -5, 8, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(-18, -2);
  ctx.lineTo(-34, -8);
  ctx.lineTo(-32, 6);
  ctx.closePath();
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(-6, -4);
  ctx.quadraticCurveTo(-14, -4 - flap * 30, -28, -6 - flap * 34);
  ctx.quadraticCurveTo(-2, -6 - flap * 14, 10, -4);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = f.accent;
  ctx.beginPath();
  ctx.moveTo(27, -7);
  ctx.lineTo(36, -4);
  ctx.lineTo(27, -2);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

import { shade } from '../../scene/color.js';
import type { Figure } from '../../scene/Scene.js';
import type { FigurePose } from './figurePose.js';

/**
 * Fox, cat, dog or rabbit: one parametric four-legged figure (body, head, snout, ears,
 * tail) whose proportions change with the kind. Body fill is exactly `figure.color`.
 */
export function paintQuadruped(ctx: CanvasRenderingContext2D, f: Figure, pose: FigurePose): void {
  const k = f.kind;
  const dark = shade(f.color, -0.55);
  ctx.save();
  ctx.translate(pose.x, pose.y);
  ctx.scale(pose.s * f.facing * 2, pose.s * 2);
  const legLen = k === 'rabbit' ? 14 : k === 'cat' ? 26 : 30;
  const bodyY = -legLen - 16;
  // Far legs first, darker, then tail, body, near legs, head.
  const leg = (x: number, phase: number, color: string) => {
    const a = Math.sin(pose.cycle + phase) * 0.45;
    ctx.strokeStyle = color;
    ctx.lineWidth = k === 'cat' ? 6 : 7;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x, bodyY + 6);
    ctx.lineTo(x + Math.sin(a) * legLen, bodyY + 6 + Math.cos(a) * legLen);
    ctx.stroke();
  };
  leg(-22, Math.PI, dark);
  leg(24, 0, dark);
  // Tail
  ctx.fillStyle = f.color;
  ctx.strokeStyle = f.color;
  const wag = Math.sin(pose.cycle * 0.5) * 0.15;
  if (k === 'fox') {
    ctx.beginPath();
    ctx.ellipse(-52, bodyY - 4, 30, 11, -0.35 + wag, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = f.accent;
    ctx.beginPath();
    ctx.ellipse(-76, bodyY + 5, 10, 7, -0.35 + wag, 0, Math.PI * 2);
    ctx.fill();
  } else if (k === 'cat') {
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.moveTo(-30, bodyY - 2);
    ctx.quadraticCurveTo(-60, bodyY - 10, -52 + wag * 40, bodyY - 42);
    ctx.stroke();
  } else if (k === 'dog') {
    ctx.lineWidth = 7;
    ctx.beginPath();
    ctx.moveTo(-30, bodyY - 4);
    ctx.lineTo(-46, bodyY - 26 + wag * 30);
    ctx.stroke();
  } else {
    ctx.fillStyle = f.accent;
    ctx.beginPath();
    ctx.arc(-30, bodyY - 6, 8, 0, Math.PI * 2);
    ctx.fill();
  }
  // Body
  ctx.fillStyle = f.color;
  ctx.beginPath();
  ctx.ellipse(0, bodyY, k === 'rabbit' ? 30 : 36, k === 'rabbit' ? 20 : 15, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = f.accent;
  ctx.beginPath();
  ctx.ellipse(6, bodyY + 8, 20, 6, 0, 0, Math.PI * 2);
  ctx.fill();
  leg(-18, 0, shade(f.color, -0.3));
  leg(28, Math.PI, shade(f.color, -0.3));
  // Head
  const hx = k === 'rabbit' ? 30 : 40;
  const hy = bodyY - (k === 'rabbit' ? 18 : 16);
  ctx.fillStyle = f.color;
  ctx.beginPath();
  ctx.arc(hx, hy, k === 'cat' ? 13 : 14, 0, Math.PI * 2);
  ctx.fill();
  // Snout
  const snout = k === 'fox' ? 22 : k === 'dog' ? 16 : 9;
  ctx.beginPath();
  ctx.moveTo(hx + 6, hy - 7);
  ctx.lineTo(hx + 8 + snout, hy + 3);
  ctx.lineTo(hx + 4, hy + 10);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = f.accent;
  ctx.beginPath();
  ctx.moveTo(hx + 2, hy + 3);
  ctx.lineTo(hx + 8 + snout, hy + 3);
  ctx.lineTo(hx + 4, hy + 10);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#111111';
  ctx.beginPath();
  ctx.arc(hx + 8 + snout, hy + 2, 2.6, 0, Math.PI * 2);
  ctx.arc(hx + 7, hy - 3, 2.2, 0, Math.PI * 2);
  ctx.fill();
  // Ears
  ctx.fillStyle = k === 'dog' ? dark : f.color;
  ctx.beginPath();
  if (k === 'rabbit') {
    ctx.ellipse(hx - 6, hy - 26, 5, 18, -0.2, 0, Math.PI * 2);
    ctx.ellipse(hx + 2, hy - 27, 5, 18, 0.15, 0, Math.PI * 2);
  } else if (k === 'dog') {
    ctx.ellipse(hx - 8, hy + 2, 6, 13, 0.3, 0, Math.PI * 2);
  } else {
    const h = k === 'fox' ? 20 : 14;
    ctx.moveTo(hx - 10, hy - 8);
    ctx.lineTo(hx - 6, hy - 8 - h);
    ctx.lineTo(hx + 1, hy - 10);
    ctx.moveTo(hx + 1, hy - 11);
    ctx.lineTo(hx + 6, hy - 9 - h);
    ctx.lineTo(hx + 11, hy - 7);
  }
  ctx.fill();
  ctx.restore();
}

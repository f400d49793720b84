import { shade } from '../../scene/color.js';
import type { Figure } from '../../scene/Scene.js';
import type { FigurePose } from './figurePose.js';

/** A stylised walker: coat in `figure.color`, skin/scarf in `accent`, swinging limbs. */
export function paintPerson(ctx: CanvasRenderingContext2D, f: Figure, pose: FigurePose): void {
  const dark = shade(f.color, -0.6);
  ctx.save();
  ctx.translate(pose.x, pose.y);
  ctx.scale(pose.s * f.facing, pose.s);
  ctx.lineCap = 'round';
  const limb = (x: number, y: number, len: number, angle: number, width: number, color: string) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + Math.sin(angle) * len, y + Math.cos(angle) * len);
    ctx.stroke();
  };
  const swing = Math.sin(pose.cycle) * (f.motion === 'idle' ? 0.05 : 0.5);
  limb(0, -80, 78, -swing, 13, shade(dark, -0.2));
  limb(0, -150, 62, swing * 0.9, 11, shade(f.color, -0.35));
  // Coat
  ctx.fillStyle = f.color;
  ctx.beginPath();
  ctx.moveTo(-20, -158);
  ctx.quadraticCurveTo(0, -168, 20, -158);
  ctx.lineTo(26, -72);
  ctx.lineTo(-24, -72);
  ctx.closePath();
  ctx.fill();
  limb(0, -80, 78, swing, 13, dark);
  // Scarf and head
  ctx.fillStyle = f.accent;
  ctx.fillRect(-15, -166, 30, 9);
  ctx.beginPath();
  ctx.arc(2, -186, 19, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = shade(f.color, -0.7);
  ctx.beginPath();
  ctx.arc(-2, -192, 19, Math.PI * 0.95, Math.PI * 2.05);
  ctx.fill();
  ctx.fillStyle = '#1a1a1a';
  ctx.beginPath();
  ctx.arc(12, -188, 2.4, 0, Math.PI * 2);
  ctx.fill();
  limb(0, -150, 62, -swing * 0.9 + (f.motion === 'idle' ? 0 : 0.2), 11, f.color);
  ctx.restore();
}

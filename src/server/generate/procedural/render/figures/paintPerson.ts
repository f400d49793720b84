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
  // Standing figures keep a slight stance (and breathe); walkers swing limbs with the cycle.
  const swing = f.motion === 'idle' ? 0.13 + Math.sin(pose.cycle) * 0.02 : Math.sin(pose.cycle) * 0.5;
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
  if (f.look === 'long-hair') {
    ctx.fillStyle = shade(f.color, -0.72);
    ctx.beginPath();
    ctx.roundRect(-22, -200, 24, 62, 10);
    ctx.fill();
  }
  ctx.fillStyle = f.accent;
  ctx.fillRect(-15, -166, 30, 9);
  ctx.beginPath();
  ctx.arc(2, -186, 19, 0, Math.PI * 2);
  ctx.fill();
  paintHead(ctx, f);
  ctx.fillStyle = '#1a1a1a';
  ctx.beginPath();
  ctx.arc(12, -188, 2.4, 0, Math.PI * 2);
  ctx.fill();
  limb(0, -150, 62, -swing * 0.9 + (f.motion === 'idle' ? 0 : 0.2), 11, f.color);
  ctx.restore();
}

/** Hair or headwear: what tells a wizard from a knight at a glance. */
function paintHead(ctx: CanvasRenderingContext2D, f: Figure): void {
  const hair = shade(f.color, -0.72);
  ctx.beginPath();
  switch (f.look) {
    case 'wizard':
      ctx.fillStyle = shade(f.color, -0.35);
      ctx.ellipse(2, -200, 34, 6, 0, 0, Math.PI * 2);
      ctx.moveTo(-18, -202);
      ctx.lineTo(-6, -262);
      ctx.lineTo(20, -202);
      ctx.fill();
      ctx.fillStyle = '#e8e4da';
      ctx.beginPath();
      ctx.moveTo(2, -176);
      ctx.lineTo(16, -176);
      ctx.lineTo(8, -150);
      ctx.closePath();
      break;
    case 'knight':
      ctx.fillStyle = '#9aa3ad';
      ctx.roundRect(-18, -210, 40, 44, 12);
      ctx.fill();
      ctx.fillStyle = '#30343a';
      ctx.beginPath();
      ctx.rect(4, -192, 18, 5);
      ctx.fill();
      ctx.fillStyle = '#c0392b';
      ctx.beginPath();
      ctx.ellipse(-4, -216, 14, 6, -0.4, 0, Math.PI * 2);
      break;
    case 'hood':
      ctx.fillStyle = shade(f.color, -0.25);
      ctx.arc(-2, -188, 24, Math.PI * 0.55, Math.PI * 2.1);
      ctx.lineTo(-14, -164);
      ctx.closePath();
      break;
    case 'sailor':
      ctx.fillStyle = '#f2f2ee';
      ctx.roundRect(-18, -212, 38, 14, 5);
      ctx.fill();
      ctx.fillStyle = '#1d2533';
      ctx.beginPath();
      ctx.rect(2, -200, 24, 4);
      break;
    default:
      ctx.fillStyle = hair;
      ctx.arc(-2, -192, 19, Math.PI * 0.95, Math.PI * 2.05);
  }
  ctx.fill();
}

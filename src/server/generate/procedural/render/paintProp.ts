import { shade, withAlpha } from '../scene/color.js';
import type { Prop } from '../scene/Scene.js';

/**
 * Paint a prop's body at (x, y) (camera applied). Light sources draw only their body
 * here; their glow is added later by `paintLights` so it washes over everything.
 */
export function paintProp(ctx: CanvasRenderingContext2D, p: Prop, x: number, y: number, t: number, warm: string): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(p.scale, p.scale);
  switch (p.kind) {
    case 'lantern': {
      const held = p.carriedBy !== undefined;
      ctx.strokeStyle = p.color;
      ctx.lineWidth = 2;
      if (!held) {
        ctx.fillStyle = p.color;
        ctx.fillRect(-3, -60, 6, 60);
        ctx.translate(0, -60);
      }
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.lineTo(0, 10);
      ctx.stroke();
      ctx.fillStyle = p.color;
      ctx.fillRect(-9, 10, 18, 4);
      ctx.fillStyle = p.light?.color ?? warm;
      ctx.fillRect(-7, 14, 14, 18);
      ctx.fillStyle = withAlpha('#fff6d0', 0.9);
      ctx.fillRect(-3, 18, 6, 10);
      ctx.fillStyle = p.color;
      ctx.fillRect(-9, 32, 18, 4);
      break;
    }
    case 'campfire': {
      ctx.fillStyle = p.color;
      ctx.fillRect(-34, -8, 68, 10);
      ctx.fillRect(-26, -14, 52, 8);
      for (let k = 0; k < 3; k++) {
        const h = 46 + Math.sin(t * 9 + k * 2) * 10 - k * 10;
        ctx.fillStyle = ['#ff6a1a', '#ffa21f', '#ffe27a'][k]!;
        ctx.beginPath();
        ctx.moveTo(-22 + k * 7, -10);
        ctx.quadraticCurveTo(-10 + k * 4, -h * 0.6, Math.sin(t * 7 + k) * 6, -h);
        ctx.quadraticCurveTo(10 - k * 4, -h * 0.6, 22 - k * 7, -10);
        ctx.closePath();
        ctx.fill();
      }
      break;
    }
    case 'house': {
      ctx.fillStyle = p.color;
      ctx.fillRect(-70, -90, 140, 90);
      ctx.beginPath();
      ctx.moveTo(-86, -88);
      ctx.lineTo(0, -150);
      ctx.lineTo(86, -88);
      ctx.closePath();
      ctx.fill();
      ctx.fillRect(30, -150, 16, 40);
      ctx.fillStyle = warm;
      ctx.fillRect(-48, -66, 28, 26);
      ctx.fillRect(18, -66, 28, 26);
      ctx.fillStyle = shade(p.color, -0.4);
      ctx.fillRect(-12, -50, 24, 50);
      break;
    }
    case 'boat': {
      const bob = Math.sin(t * 1.6) * 4;
      ctx.translate(0, bob);
      ctx.rotate(Math.sin(t * 1.2) * 0.04);
      ctx.fillStyle = p.color;
      ctx.beginPath();
      ctx.moveTo(-70, -16);
      ctx.lineTo(70, -16);
      ctx.lineTo(50, 8);
      ctx.lineTo(-52, 8);
      ctx.closePath();
      ctx.fill();
      ctx.fillRect(-3, -120, 5, 104);
      ctx.fillStyle = '#f1ece0';
      ctx.beginPath();
      ctx.moveTo(4, -118);
      ctx.lineTo(56, -24);
      ctx.lineTo(4, -24);
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'lighthouse': {
      ctx.fillStyle = shade(p.color, -0.75);
      ctx.beginPath();
      ctx.ellipse(0, 6, 70, 26, 0, Math.PI, Math.PI * 2);
      ctx.ellipse(30, 10, 44, 20, 0, Math.PI, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = p.color;
      ctx.beginPath();
      ctx.moveTo(-22, 0);
      ctx.lineTo(-14, -170);
      ctx.lineTo(14, -170);
      ctx.lineTo(22, 0);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = '#c0392b';
      ctx.fillRect(-19, -60, 38, 22);
      ctx.fillRect(-16, -130, 32, 20);
      ctx.fillStyle = '#2a2a30';
      ctx.fillRect(-18, -200, 36, 30);
      ctx.fillStyle = p.light?.color ?? warm;
      ctx.fillRect(-12, -194, 24, 20);
      break;
    }
    case 'streetlamp': {
      ctx.fillStyle = p.color;
      ctx.fillRect(-4, -170, 8, 170);
      ctx.fillRect(-4, -170, 34, 6);
      ctx.fillStyle = p.light?.color ?? warm;
      ctx.beginPath();
      ctx.moveTo(18, -164);
      ctx.lineTo(42, -164);
      ctx.lineTo(36, -152);
      ctx.lineTo(24, -152);
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'tent': {
      ctx.fillStyle = p.color;
      ctx.beginPath();
      ctx.moveTo(-80, 0);
      ctx.lineTo(0, -100);
      ctx.lineTo(80, 0);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = shade(p.color, -0.5);
      ctx.beginPath();
      ctx.moveTo(-18, 0);
      ctx.lineTo(0, -70);
      ctx.lineTo(18, 0);
      ctx.closePath();
      ctx.fill();
      break;
    }
  }
  ctx.restore();
}

/** Where a prop's light sits relative to its anchor, in prop units. */
export function lightOffset(p: Prop): { dx: number; dy: number } {
  switch (p.kind) {
    case 'lantern':
      return { dx: 0, dy: p.carriedBy !== undefined ? 23 : -37 };
    case 'campfire':
      return { dx: 0, dy: -30 };
    case 'house':
      return { dx: 0, dy: -55 };
    case 'lighthouse':
      return { dx: 0, dy: -184 };
    case 'streetlamp':
      return { dx: 30, dy: -156 };
    default:
      return { dx: 0, dy: 0 };
  }
}

import { withAlpha } from '../scene/color.js';
import type { Scene } from '../scene/Scene.js';

/**
 * Sky gradient, glow of the sun or moon, twinkling stars, a milky way on clear nights
 * and drifting clouds. Drawn in stage space with only a hint of camera parallax.
 */
export function paintSky(ctx: CanvasRenderingContext2D, scene: Scene, t: number): void {
  const { palette, sky } = scene;
  const g = ctx.createLinearGradient(0, 0, 0, 560);
  g.addColorStop(0, palette.skyTop);
  g.addColorStop(1, palette.skyBottom);
  ctx.fillStyle = g;
  ctx.fillRect(-200, -200, 1680, 1120);
  if (sky.band) {
    ctx.save();
    ctx.translate(640, 200);
    ctx.rotate(-0.35);
    const band = ctx.createRadialGradient(0, 0, 20, 0, 0, 700);
    band.addColorStop(0, 'rgba(200,190,255,0.22)');
    band.addColorStop(1, 'rgba(200,190,255,0)');
    ctx.scale(1, 0.22);
    ctx.fillStyle = band;
    ctx.fillRect(-800, -800, 1600, 1600);
    ctx.restore();
  }
  for (const s of sky.stars) {
    const a = 0.45 + 0.55 * Math.abs(Math.sin(t * 1.7 + s.phase));
    ctx.fillStyle = `rgba(255,250,235,${a.toFixed(3)})`;
    ctx.fillRect(s.x - s.r / 2, s.y - s.r / 2, s.r, s.r);
  }
  if (sky.band) paintShootingStar(ctx, t);
  if (sky.body) {
    const b = sky.body;
    const glow = ctx.createRadialGradient(b.x, b.y, b.radius * 0.5, b.x, b.y, b.radius * (b.kind === 'sun' ? 7 : 5));
    glow.addColorStop(0, withAlpha(b.color, b.kind === 'sun' ? 0.55 : 0.35));
    glow.addColorStop(1, withAlpha(b.color, 0));
    ctx.fillStyle = glow;
    ctx.fillRect(b.x - b.radius * 7, b.y - b.radius * 7, b.radius * 14, b.radius * 14);
    ctx.fillStyle = b.color;
    ctx.beginPath();
    ctx.arc(b.x, b.y, b.radius, 0, Math.PI * 2);
    ctx.fill();
    if (b.kind === 'moon') {
      ctx.fillStyle = 'rgba(120,120,140,0.18)';
      for (const [dx, dy, r] of [
        [-10, -8, 9],
        [12, 6, 6],
        [-4, 14, 5],
      ] as const) {
        ctx.beginPath();
        ctx.arc(b.x + dx, b.y + dy, r, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }
  for (const c of sky.clouds) {
    const x = ((c.x + c.speed * t + 400) % 2080) - 400;
    ctx.fillStyle = c.color;
    ctx.beginPath();
    ctx.ellipse(x, c.y, c.w / 2, c.h / 2, 0, 0, Math.PI * 2);
    ctx.ellipse(x - c.w * 0.22, c.y - c.h * 0.35, c.w * 0.22, c.h * 0.55, 0, 0, Math.PI * 2);
    ctx.ellipse(x + c.w * 0.12, c.y - c.h * 0.45, c.w * 0.26, c.h * 0.7, 0, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** On starry nights a meteor streaks across every few seconds (position hashed from its index). */
function paintShootingStar(ctx: CanvasRenderingContext2D, t: number): void {
  const period = 3.2;
  const n = Math.floor(t / period);
  const age = t - n * period - 0.8;
  if (age < 0 || age > 0.7) return;
  const h = Math.abs(Math.sin(n * 12.9898 + 4.1) * 43758.5453) % 1;
  const x = 300 + h * 800 - age * 700;
  const y = 60 + h * 160 + age * 260;
  const g = ctx.createLinearGradient(x, y, x + 180, y - 68);
  const a = Math.sin((age / 0.7) * Math.PI);
  g.addColorStop(0, `rgba(255,255,240,${(0.95 * a).toFixed(3)})`);
  g.addColorStop(1, 'rgba(255,255,240,0)');
  ctx.strokeStyle = g;
  ctx.lineWidth = 2.2;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + 180, y - 68);
  ctx.stroke();
}

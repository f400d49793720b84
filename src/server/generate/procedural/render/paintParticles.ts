import { withAlpha } from '../scene/color.js';
import type { Particles } from '../scene/Scene.js';

const wrap = (v: number) => v - Math.floor(v);

/**
 * Weather in screen space, every particle a pure function of time: rain streaks,
 * drifting snow, pulsing fireflies, tumbling leaves, sparkles, dust and bubbles.
 */
export function paintParticles(
  ctx: CanvasRenderingContext2D,
  particles: Particles,
  t: number,
  clip?: { x: number; y: number; w: number; h: number },
): void {
  if (particles.items.length === 0) return;
  ctx.save();
  if (clip) {
    ctx.beginPath();
    ctx.rect(clip.x, clip.y, clip.w, clip.h);
    ctx.clip();
  }
  const c = particles.color;
  switch (particles.kind) {
    case 'rain': {
      ctx.strokeStyle = withAlpha(c, 0.45);
      ctx.lineWidth = 1.6;
      ctx.beginPath();
      for (const p of particles.items) {
        const y = wrap(p.y + p.speed * t) * 800 - 40;
        const x = wrap(p.x + p.speed * t * 0.12) * 1400 - 60;
        ctx.moveTo(x, y);
        ctx.lineTo(x - p.size * 0.18, y + p.size);
      }
      ctx.stroke();
      break;
    }
    case 'snow':
    case 'dust':
    case 'bubbles': {
      ctx.fillStyle = withAlpha(c, particles.kind === 'dust' ? 0.45 : 0.85);
      ctx.strokeStyle = withAlpha(c, 0.7);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (const p of particles.items) {
        const drift = particles.kind === 'dust' ? t * 0.06 : Math.sin(t * 0.9 + p.phase) * 0.015;
        const x = wrap(p.x + drift) * 1300 - 10;
        const y = wrap(p.y + p.speed * t) * 740 - 10;
        const r = particles.kind === 'bubbles' ? p.size * 1.6 : p.size;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
      }
      if (particles.kind === 'bubbles') ctx.stroke();
      else ctx.fill();
      break;
    }
    case 'fireflies':
    case 'sparkles': {
      ctx.globalCompositeOperation = 'lighter';
      for (const p of particles.items) {
        const x = p.x * 1280 + Math.sin(t * 0.7 + p.phase) * 40;
        const y = 120 + p.y * 560 + Math.cos(t * 0.9 + p.phase * 1.3) * 30;
        const pulse = 0.5 + 0.5 * Math.sin(t * 3 + p.phase * 2);
        ctx.fillStyle = withAlpha(c, 0.1 * pulse);
        ctx.beginPath();
        ctx.arc(x, y, p.size * 2.4, 0, Math.PI * 2);
        ctx.fill();
        ctx.fillStyle = withAlpha(c, 0.9 * pulse);
        if (particles.kind === 'sparkles') {
          const r = p.size * 2.2 * pulse;
          ctx.fillRect(x - r, y - 0.8, r * 2, 1.6);
          ctx.fillRect(x - 0.8, y - r, 1.6, r * 2);
        } else {
          ctx.beginPath();
          ctx.arc(x, y, p.size * 0.9, 0, Math.PI * 2);
          ctx.fill();
        }
      }
      break;
    }
    case 'leaves': {
      ctx.fillStyle = withAlpha(c, 0.9);
      for (const p of particles.items) {
        const x = wrap(p.x + t * 0.04 + Math.sin(t + p.phase) * 0.02) * 1320 - 20;
        const y = wrap(p.y + p.speed * t) * 760 - 20;
        ctx.beginPath();
        ctx.ellipse(x, y, p.size, p.size * 0.45, t * 2 + p.phase, 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    }
    default:
      break;
  }
  ctx.restore();
}

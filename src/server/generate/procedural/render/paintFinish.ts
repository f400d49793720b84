import type { Scene } from '../scene/Scene.js';

const CAPTION_FONT = '600 25px "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';

/**
 * Whole-frame passes after the picture: mood tint, lightning, vignette and the caption
 * (lower third on a soft band, fading in and out).
 */
export function paintFinish(ctx: CanvasRenderingContext2D, scene: Scene, t: number): void {
  if (!/,\s*0(\.0*)?\)$/.test(scene.palette.tint)) {
    // A full-frame blend costs as much as the sky; skip it when the tint is transparent.
    ctx.fillStyle = scene.palette.tint;
    ctx.fillRect(0, 0, 1280, 720);
  }
  for (const at of scene.flashes) {
    const dt = t - at;
    if (dt < 0 || dt > 0.35) continue;
    const a = (dt < 0.06 ? 0.55 : 0.55 * (1 - (dt - 0.06) / 0.29)) * (Math.sin(dt * 90) > -0.3 ? 1 : 0.5);
    ctx.fillStyle = `rgba(225,232,255,${a.toFixed(3)})`;
    ctx.fillRect(0, 0, 1280, 720);
  }
  const v = ctx.createRadialGradient(640, 380, 260, 640, 380, 820);
  v.addColorStop(0, 'rgba(0,0,0,0)');
  v.addColorStop(1, `rgba(0,0,0,${scene.palette.vignette.toFixed(3)})`);
  ctx.fillStyle = v;
  ctx.fillRect(0, 0, 1280, 720);
  const cap = scene.caption;
  if (!cap || t < cap.from || t > cap.to) return;
  const fade = Math.min(1, (t - cap.from) / 0.4, (cap.to - t) / 0.3 + 0.0001);
  ctx.save();
  ctx.globalAlpha = Math.max(0, fade);
  ctx.font = CAPTION_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const lines = wrapLines(ctx, cap.text, 1040);
  const h = lines.length * 32 + 14;
  const top = 712 - h;
  const band = ctx.createLinearGradient(0, top - 24, 0, 720);
  band.addColorStop(0, 'rgba(0,0,0,0)');
  band.addColorStop(0.35, 'rgba(0,0,0,0.45)');
  band.addColorStop(1, 'rgba(0,0,0,0.6)');
  ctx.fillStyle = band;
  ctx.fillRect(0, top - 24, 1280, 720 - top + 24);
  ctx.fillStyle = '#fffaf0';
  lines.forEach((line, i) => ctx.fillText(line, 640, top + 22 + i * 32));
  ctx.restore();
}

function wrapLines(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > max && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.slice(0, 2);
}

import { mix, shade, withAlpha } from '../scene/color.js';
import type { BuildingLayer, RidgeLayer, RoomLayer, SceneLayer, TreeLayer } from '../scene/Scene.js';

/** Paint one parallax layer (camera already applied). */
export function paintLayer(ctx: CanvasRenderingContext2D, layer: SceneLayer, t: number): void {
  switch (layer.kind) {
    case 'ridge':
      return paintRidge(ctx, layer, t);
    case 'trees':
      return paintTrees(ctx, layer);
    case 'buildings':
      return paintBuildings(ctx, layer);
    case 'room':
      return paintRoom(ctx, layer);
  }
}

function ridgePath(ctx: CanvasRenderingContext2D, layer: RidgeLayer, t: number, left: number): void {
  const n = layer.profile.length;
  const step = layer.span / (n - 1);
  const yAt = (i: number) =>
    layer.baseline -
    layer.amplitude * layer.profile[i]! +
    (layer.swell ? Math.sin(t * 1.4 + i * 1.3) * layer.swell : 0);
  ctx.beginPath();
  ctx.moveTo(left, 900);
  ctx.lineTo(left, yAt(0));
  if (layer.style === 'mountains') {
    for (let i = 1; i < n; i++) ctx.lineTo(left + i * step, yAt(i));
  } else {
    for (let i = 1; i < n; i++) {
      const x0 = left + (i - 1) * step;
      ctx.quadraticCurveTo(x0, yAt(i - 1), x0 + step / 2, (yAt(i - 1) + yAt(i)) / 2);
    }
    ctx.lineTo(left + layer.span, yAt(n - 1));
  }
  ctx.lineTo(left + layer.span, 900);
  ctx.closePath();
}

function paintRidge(ctx: CanvasRenderingContext2D, layer: RidgeLayer, t: number): void {
  const left = -420;
  ridgePath(ctx, layer, t, left);
  const top = layer.baseline - layer.amplitude;
  const g = ctx.createLinearGradient(0, top, 0, Math.max(top + 40, 740));
  g.addColorStop(0, layer.style === 'waves' ? shade(layer.color, 0.08) : layer.color);
  g.addColorStop(1, shade(layer.color, layer.style === 'waves' ? -0.3 : -0.25));
  ctx.fillStyle = g;
  ctx.fill();
  if (!layer.highlight) return;
  if (layer.style === 'mountains') {
    ctx.save();
    ctx.clip();
    const snowLine = layer.baseline - layer.amplitude * 0.68;
    const snow = ctx.createLinearGradient(0, top, 0, snowLine + 30);
    snow.addColorStop(0, withAlpha(layer.highlight, 0.9));
    snow.addColorStop(0.75, withAlpha(layer.highlight, 0.7));
    snow.addColorStop(1, withAlpha(layer.highlight, 0));
    ctx.fillStyle = snow;
    ctx.fillRect(left, top - 10, layer.span, snowLine + 40 - top);
    ctx.restore();
  } else if (layer.style === 'waves') {
    ctx.strokeStyle = withAlpha(layer.highlight, 0.55);
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let x = left; x < left + layer.span; x += 46) {
      const y = layer.baseline + 20 + ((x * 7919) % 160) + Math.sin(t * 2 + x) * 3;
      const w = 14 + ((x * 31) % 22);
      ctx.moveTo(x + Math.sin(t + x) * 6, y);
      ctx.lineTo(x + w + Math.sin(t + x) * 6, y);
    }
    ctx.stroke();
  } else {
    ctx.fillStyle = withAlpha(layer.highlight, 0.35);
    ctx.fill();
  }
}

function paintTrees(ctx: CanvasRenderingContext2D, layer: TreeLayer): void {
  ctx.fillStyle = layer.color;
  ctx.beginPath();
  for (const tree of layer.items) {
    const { x, h, w } = tree;
    const base = layer.baseline;
    if (tree.shape === 'pine') {
      ctx.rect(x - w * 0.06, base - h * 0.2, w * 0.12, h * 0.2 + 30);
      for (let k = 0; k < 3; k++) {
        const top = base - h + k * h * 0.22;
        const bottom = base - h * 0.15 - (2 - k) * h * 0.16;
        const half = (w / 2) * (0.55 + k * 0.22);
        ctx.moveTo(x, top);
        ctx.lineTo(x + half, bottom);
        ctx.lineTo(x - half, bottom);
        ctx.closePath();
      }
    } else if (tree.shape === 'cactus') {
      ctx.roundRect(x - w * 0.09, base - h, w * 0.18, h + 20, w * 0.09);
      ctx.roundRect(x - w * 0.4, base - h * 0.7, w * 0.13, h * 0.35, w * 0.065);
      ctx.rect(x - w * 0.4, base - h * 0.42, w * 0.35, w * 0.12);
      ctx.roundRect(x + w * 0.27, base - h * 0.82, w * 0.13, h * 0.4, w * 0.065);
      ctx.rect(x + w * 0.05, base - h * 0.5, w * 0.35, w * 0.12);
    } else {
      ctx.rect(x - w * 0.05, base - h * 0.45, w * 0.1, h * 0.45 + 30);
      for (const [dx, dy, r] of [
        [0, -0.72, 0.32],
        [-0.22, -0.55, 0.26],
        [0.22, -0.56, 0.27],
      ] as const) {
        ctx.moveTo(x + dx * w + r * w, base + dy * h);
        ctx.arc(x + dx * w, base + dy * h, r * w, 0, Math.PI * 2);
      }
    }
  }
  ctx.fill();
}

/** Deterministic per-window coin flip from the building's seed. */
function lit(seed: number, i: number, pct: number): boolean {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return (h >>> 8) % 100 < pct;
}

function paintBuildings(ctx: CanvasRenderingContext2D, layer: BuildingLayer): void {
  const base = layer.baseline;
  ctx.fillStyle = layer.color;
  ctx.beginPath();
  for (const b of layer.items) {
    ctx.rect(b.x, base - b.h, b.w, b.h + 200);
    if (b.roof === 'spire') {
      ctx.moveTo(b.x + b.w * 0.3, base - b.h);
      ctx.lineTo(b.x + b.w / 2, base - b.h - b.w * 0.9);
      ctx.lineTo(b.x + b.w * 0.7, base - b.h);
    } else if (b.roof === 'slant') {
      ctx.moveTo(b.x, base - b.h);
      ctx.lineTo(b.x + b.w, base - b.h - b.w * 0.3);
      ctx.lineTo(b.x + b.w, base - b.h);
    }
  }
  ctx.fill();
  const size = 5 + layer.depth * 7;
  const gap = size * 1.9;
  ctx.fillStyle = layer.windowColor;
  ctx.beginPath();
  for (const b of layer.items) {
    const cols = Math.floor((b.w - gap * 0.6) / gap);
    const rows = Math.floor((b.h - gap) / (gap * 1.3));
    const x0 = b.x + (b.w - cols * gap) / 2 + (gap - size) / 2;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (lit(b.litSeed, r * 64 + c, 14 + 30 * layer.depth))
          ctx.rect(x0 + c * gap, base - b.h + gap * 0.8 + r * gap * 1.3, size, size * 1.2);
      }
    }
  }
  ctx.fill();
}

function paintRoom(ctx: CanvasRenderingContext2D, layer: RoomLayer): void {
  const w = layer.window;
  // Wall with the window cut out (even-odd), so the sky painted behind shows through.
  ctx.beginPath();
  ctx.rect(-300, -300, 1880, 950);
  ctx.rect(w.x, w.y, w.w, w.h);
  const wall = ctx.createLinearGradient(0, 0, 0, 650);
  wall.addColorStop(0, shade(layer.wall, -0.15));
  wall.addColorStop(1, layer.wall);
  ctx.fillStyle = wall;
  ctx.fill('evenodd');
  ctx.strokeStyle = layer.trim;
  ctx.lineWidth = 14;
  ctx.strokeRect(w.x, w.y, w.w, w.h);
  ctx.lineWidth = 7;
  ctx.beginPath();
  ctx.moveTo(w.x + w.w / 2, w.y);
  ctx.lineTo(w.x + w.w / 2, w.y + w.h);
  ctx.moveTo(w.x, w.y + w.h / 2);
  ctx.lineTo(w.x + w.w, w.y + w.h / 2);
  ctx.stroke();
  const floor = ctx.createLinearGradient(0, 640, 0, 760);
  floor.addColorStop(0, layer.floor);
  floor.addColorStop(1, shade(layer.floor, -0.4));
  ctx.fillStyle = floor;
  ctx.fillRect(-300, 640, 1880, 300);
  ctx.fillStyle = layer.trim;
  ctx.fillRect(-300, 630, 1880, 14);
  for (const it of layer.items) {
    ctx.fillStyle = it.color;
    if (it.kind === 'shelf') {
      ctx.fillRect(it.x, 640 - it.h, it.w, it.h);
      ctx.fillStyle = mix(it.color, '#e0c090', 0.35);
      for (let s = 1; s < 4; s++)
        for (let b = 0; b < 9; b++) ctx.fillRect(it.x + 10 + b * 20, 640 - it.h + s * 80 - 52, 14, 50 - ((b * 7) % 15));
    } else if (it.kind === 'frame') {
      ctx.fillRect(it.x, 220, it.w, it.h);
      ctx.fillStyle = mix(it.color, '#e8d0a0', 0.5);
      ctx.fillRect(it.x + 12, 232, it.w - 24, it.h - 24);
    } else if (it.kind === 'table') {
      ctx.fillRect(it.x, 640 - it.h, it.w, 14);
      ctx.fillRect(it.x + 14, 640 - it.h, 12, it.h);
      ctx.fillRect(it.x + it.w - 26, 640 - it.h, 12, it.h);
    } else {
      ctx.beginPath();
      for (let k = 0; k < 6; k++)
        ctx.ellipse(it.x + (k - 2.5) * 10, 640 - it.h * 0.55, 14, it.h * 0.35, (k - 2.5) * 0.3, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = shade(layer.floor, -0.2);
      ctx.fillRect(it.x - 30, 640 - 60, 60, 60);
    }
  }
}

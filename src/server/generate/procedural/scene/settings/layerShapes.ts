import type { BuildingLayer, RidgeLayer, TreeLayer } from '../Scene.js';

/** Horizontal extent every layer covers: wider than the stage so pans and zooms never show an edge. */
export const STAGE = { width: 1280, height: 720, left: -420, span: 2120 } as const;

/**
 * A ridge profile by midpoint displacement: `roughness` near 0.5 for rolling hills,
 * higher for jagged peaks. Values 0..1.
 */
export function ridgeProfile(rand: () => number, points: number, roughness: number): number[] {
  const n = Math.max(2, points);
  const out = new Array<number>(n).fill(0.5);
  out[0] = rand();
  out[n - 1] = rand();
  const split = (a: number, b: number, amp: number) => {
    if (b - a < 2) return;
    const m = (a + b) >> 1;
    out[m] = (out[a]! + out[b]!) / 2 + (rand() - 0.5) * amp;
    split(a, m, amp * roughness);
    split(m, b, amp * roughness);
  };
  split(0, n - 1, 1);
  const lo = Math.min(...out);
  const hi = Math.max(...out);
  return out.map((v) => Number(((v - lo) / (hi - lo || 1)).toFixed(4)));
}

/** A ridge layer with a fresh profile. */
export function ridge(
  rand: () => number,
  style: RidgeLayer['style'],
  depth: number,
  color: string,
  baseline: number,
  amplitude: number,
  roughness = 0.55,
  extra: Partial<RidgeLayer> = {},
): RidgeLayer {
  const points = style === 'mountains' ? 65 : 33;
  return {
    kind: 'ridge',
    style,
    depth,
    color,
    baseline,
    amplitude,
    profile: ridgeProfile(rand, points, roughness),
    span: STAGE.span,
    ...extra,
  };
}

/** A row of trees with jittered spacing and heights. */
export function treeRow(
  rand: () => number,
  depth: number,
  color: string,
  baseline: number,
  count: number,
  height: number,
  shape: TreeLayer['items'][number]['shape'] | 'mixed',
): TreeLayer {
  const step = STAGE.span / count;
  const items = Array.from({ length: count }, (_, i) => {
    const h = Math.round(height * (0.65 + rand() * 0.6));
    const s = shape === 'mixed' ? (rand() < 0.6 ? 'pine' : 'round') : shape;
    return {
      x: Math.round(STAGE.left + step * (i + 0.2 + rand() * 0.6)),
      h,
      w: Math.round(h * (s === 'pine' ? 0.42 : 0.7)),
      shape: s,
    };
  });
  return { kind: 'trees', depth, color, baseline, items };
}

/** A skyline of buildings; `litSeed` picks which windows glow. */
export function buildingRow(
  rand: () => number,
  depth: number,
  color: string,
  windowColor: string,
  baseline: number,
  height: number,
): BuildingLayer {
  const items: BuildingLayer['items'] = [];
  let x = STAGE.left;
  while (x < STAGE.left + STAGE.span) {
    const w = Math.round(60 + rand() * 90 * (0.6 + depth));
    const h = Math.round(height * (0.45 + rand() * 0.75));
    const r = rand();
    items.push({ x, w, h, roof: r < 0.15 ? 'spire' : r < 0.35 ? 'slant' : 'flat', litSeed: Math.floor(rand() * 1e9) });
    x += w + Math.round(rand() * 14);
  }
  return { kind: 'buildings', depth, color, windowColor, baseline, items };
}

/**
 * Dark foreground trunks at the frame's edges (depth > 1, so they slide fastest): they
 * frame the shot and sell the parallax without hiding the characters in the middle.
 */
export function framingTrees(rand: () => number, color: string): TreeLayer {
  const h = () => Math.round(560 + rand() * 120);
  const items = [30 + rand() * 60, 1330 + rand() * 60, 1780 + rand() * 80].map((x) => {
    const height = h();
    return { x: Math.round(x), h: height, w: Math.round(height * 0.42), shape: 'pine' as const };
  });
  return { kind: 'trees', depth: 1.25, color, baseline: 780, items };
}

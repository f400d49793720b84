import type { Figure } from '../../scene/Scene.js';

/** Where a figure is at time t and where it holds things, in stage px (before camera). */
export interface FigurePose {
  x: number;
  y: number;
  /** Walk cycle angle (radians); legs and arms swing with sin(cycle). */
  cycle: number;
  /** Drawing scale: a person is ~200 px tall at 1. */
  s: number;
  /** Hand / mouth anchor for carried props. */
  hand: { x: number; y: number };
}

/**
 * Pose of a figure at time `t`: pure, so frame N never depends on frame N-1.
 *
 * @example
 * const pose = figurePose(scene.characters[0], 1.5);
 */
export function figurePose(f: Figure, t: number): FigurePose {
  const tt = t + f.phase;
  const x = f.x + f.speed * t;
  const s = f.scale;
  const stride = f.kind === 'person' || f.kind === 'robot' ? 70 * s : 110 * s;
  const cycle =
    f.motion === 'idle' ? tt * 1.5 : f.motion === 'fly' ? tt * 11 : ((x - f.x) / stride) * Math.PI + f.phase * 3;
  let y = f.y;
  if (f.motion === 'hop') y -= Math.abs(Math.sin(tt * 5)) * 28 * s * 2;
  if (f.motion === 'fly') y += Math.sin(tt * 2.2) * 18;
  if (f.motion === 'walk') y -= Math.abs(Math.sin(cycle)) * 4 * s;
  const dir = f.facing;
  let hand: { x: number; y: number };
  switch (f.kind) {
    case 'person':
      hand = { x: x + dir * 38 * s, y: y - 92 * s };
      break;
    case 'robot':
      hand = { x: x + dir * 46 * s, y: y - 88 * s };
      break;
    case 'bird':
      hand = { x: x + dir * 20 * s, y: y + 10 * s };
      break;
    default:
      hand = { x: x + dir * 150 * s, y: y - 118 * s };
  }
  return { x, y, cycle, s, hand };
}

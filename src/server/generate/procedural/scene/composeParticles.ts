import type { Particles, WeatherKind } from './Scene.js';

const COUNTS: Readonly<Record<WeatherKind, number>> = {
  clear: 0,
  rain: 260,
  snow: 160,
  fireflies: 45,
  leaves: 28,
  sparkles: 60,
  dust: 90,
  bubbles: 40,
};
const DEFAULT_COLORS: Readonly<Record<WeatherKind, string>> = {
  clear: '#ffffff',
  rain: '#c8d8ee',
  snow: '#ffffff',
  fireflies: '#fff0a0',
  leaves: '#d8742c',
  sparkles: '#fff2a8',
  dust: '#f0c890',
  bubbles: '#d8f4ff',
};
const SPEEDS: Readonly<Record<WeatherKind, number>> = {
  clear: 0,
  rain: 1.6,
  snow: 0.12,
  fireflies: 0.03,
  leaves: 0.15,
  sparkles: 0.05,
  dust: 0.02,
  bubbles: -0.12,
};

/**
 * Weather particles as seeds (start position, size, speed, phase); the painter moves
 * them as a pure function of time so any frame can be painted on its own.
 *
 * @example
 * composeParticles(mulberry32(3), 'snow'); // 160 flakes
 */
export function composeParticles(rand: () => number, kind: WeatherKind, color?: string): Particles {
  const base = SPEEDS[kind];
  const items = Array.from({ length: COUNTS[kind] }, () => ({
    x: Number(rand().toFixed(4)),
    y: Number(rand().toFixed(4)),
    size: Number(
      (kind === 'rain'
        ? 14 + rand() * 16
        : kind === 'dust'
          ? 1 + rand() * 2
          : 2 + rand() * (kind === 'leaves' ? 7 : 3.5)
      ).toFixed(2),
    ),
    speed: Number((base * (0.6 + rand() * 0.8)).toFixed(4)),
    phase: Number((rand() * 6.28).toFixed(3)),
  }));
  return { kind, color: color ?? DEFAULT_COLORS[kind], items };
}

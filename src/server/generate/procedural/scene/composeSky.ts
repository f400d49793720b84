import { mix, withAlpha } from './color.js';
import { TIMES } from './keywords/times.js';
import type { Palette, Sky, TimeOfDay } from './Scene.js';

/**
 * Sun or moon, stars and drifting clouds. Stars come out at dusk and fill a clear night;
 * moods add clouds (a storm brings a heavy, dark sky).
 *
 * @example
 * composeSky(mulberry32(1), 'night', palette, { clouds: 0, starry: true });
 */
export function composeSky(
  rand: () => number,
  time: TimeOfDay,
  palette: Palette,
  opts: { clouds: number; starry: boolean },
): Sky {
  const look = TIMES[time];
  const bodyX = 220 + Math.round(rand() * 840);
  const body = {
    kind: look.body,
    x: bodyX,
    y: look.bodyY + Math.round((rand() - 0.5) * 40),
    radius: look.body === 'moon' ? 38 : time === 'day' ? 46 : 64,
    color: palette.light,
  };
  const starCount = opts.starry ? 260 : time === 'night' ? 160 : time === 'dusk' ? 40 : 0;
  const stars = Array.from({ length: starCount }, () => ({
    x: Math.round(rand() * 1280),
    y: Math.round(Math.pow(rand(), 1.4) * 520),
    r: Number((0.6 + Math.pow(rand(), 3) * 1.9).toFixed(2)),
    phase: Number((rand() * 6.28).toFixed(3)),
  }));
  const cloudBase =
    time === 'night' ? mix(palette.skyBottom, '#8090b0', 0.25) : mix(palette.skyBottom, '#ffffff', 0.55);
  const stormy = opts.clouds >= 8;
  const cloudColor = stormy ? mix(palette.skyTop, '#30343c', 0.5) : cloudBase;
  const clouds = Array.from({ length: opts.clouds }, () => ({
    x: Math.round(-300 + rand() * 1880),
    y: Math.round(60 + rand() * (stormy ? 200 : 260)),
    w: Math.round((stormy ? 420 : 220) + rand() * 260),
    h: Math.round(50 + rand() * 50),
    speed: Number((6 + rand() * 14).toFixed(2)),
    color: withAlpha(cloudColor, stormy ? 0.85 : 0.55 + rand() * 0.3),
  }));
  return { body, stars, clouds, band: opts.starry };
}

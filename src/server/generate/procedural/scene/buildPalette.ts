import { desaturate, mix, shade } from './color.js';
import type { MoodLook } from './keywords/moods.js';
import type { StyleLook } from './keywords/styles.js';
import { TIMES } from './keywords/times.js';
import type { Palette, TimeOfDay } from './Scene.js';

/** Grades every background colour the same way: mood and style desaturation, pastel lift. */
export type Grade = (color: string) => string;

/**
 * The frame's palette: sky and light from the time of day, land from the setting,
 * then moods (storm darkens and greys, joyful saturates) and the spec's style graded over it.
 *
 * @example
 * const { palette, grade } = buildPalette('dusk', '#2f6b3a', [MOODS.eerie], []);
 */
export function buildPalette(
  time: TimeOfDay,
  land: string,
  moods: readonly MoodLook[],
  styles: readonly StyleLook[],
): { palette: Palette; grade: Grade } {
  const look = TIMES[time];
  const grey = [...moods, ...styles].reduce((sum, m) => sum + (m.desaturate ?? 0), 0);
  const lighten = styles.reduce((sum, s) => sum + (s.lighten ?? 0), 0);
  const grade: Grade = (c) => {
    let out = grey !== 0 ? desaturate(c, Math.max(-0.5, Math.min(1, grey))) : c;
    if (lighten > 0) out = shade(out, Math.min(0.6, lighten));
    return out;
  };
  const skyShade = moods.reduce((sum, m) => sum + (m.skyShade ?? 0), 0);
  const sky = (c: string) => grade(skyShade === 0 ? c : shade(c, Math.max(-0.8, Math.min(0.5, skyShade))));
  const tints = [...moods, ...styles].map((m) => m.tint).filter((t): t is string => t !== undefined);
  const vignette = Math.max(0.3, ...moods.map((m) => m.vignette ?? 0), ...styles.map((s) => s.vignette ?? 0));
  const warm = styles.find((s) => s.warm)?.warm ?? look.warm;
  return {
    grade,
    palette: {
      skyTop: sky(look.skyTop),
      skyBottom: sky(look.skyBottom),
      haze: sky(look.haze),
      land: grade(mix(land, look.landTowards, look.landAmount)),
      light: grade(look.light),
      warm: grey >= 1 ? grade(warm) : warm,
      tint: tints[0] ?? 'rgba(0,0,0,0)',
      vignette,
    },
  };
}

/**
 * Colour of a silhouette layer at `depth`: far layers dissolve into the haze (aerial
 * perspective), near ones are the land colour, a little darker.
 */
export function depthColor(palette: Palette, depth: number, land = palette.land): string {
  return mix(palette.haze, shade(land, -0.35 * depth), 0.3 + 0.7 * depth);
}

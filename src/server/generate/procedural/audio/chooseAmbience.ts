import type { Scene } from '../scene/Scene.js';

/** One bed of the procedural soundtrack. */
export type AmbienceLayerKind = 'wind' | 'rain' | 'surf' | 'rumble' | 'roomtone' | 'drone';

export interface AmbienceLayer {
  kind: AmbienceLayerKind;
  /** Linear gain relative to the bed's calibrated level (1 = about -24 LUFS alone). */
  gain: number;
}

const OUTDOORS = new Set<Scene['setting']>(['forest', 'mountains', 'desert', 'meadow']);

/**
 * Which ambience beds a scene gets, from the same words that shaped its picture: wind for
 * open country and storms, rain hiss for rain, surf for the sea, a low rumble for the city,
 * room tone indoors, and a soft drone for calm, night, eerie, magical or sad scenes.
 * Pure: the same scene always gives the same beds.
 *
 * @example
 * chooseAmbience(composeScene({ prompt: 'A stormy sea', seed: 1 }, {}, { durationSeconds: 4 }));
 * // [{ kind: 'surf', gain: 1 }, { kind: 'rain', gain: 1 }, { kind: 'wind', gain: 1.3 }]
 */
export function chooseAmbience(scene: Scene): AmbienceLayer[] {
  const moods = new Set(scene.moods);
  const layers: AmbienceLayer[] = [];
  const underwater = moods.has('underwater');
  if (scene.setting === 'sea' || underwater) layers.push({ kind: 'surf', gain: underwater ? 0.6 : 1 });
  if (scene.setting === 'city') layers.push({ kind: 'rumble', gain: 1 });
  if (scene.setting === 'room') layers.push({ kind: 'roomtone', gain: 1 });
  if (scene.particles.kind === 'rain') layers.push({ kind: 'rain', gain: 1 });
  const stormy = moods.has('storm');
  const windy = stormy || moods.has('heat') || moods.has('snow');
  if (!underwater && (windy || (OUTDOORS.has(scene.setting) && !moods.has('calm')))) {
    layers.push({ kind: 'wind', gain: stormy ? 1.3 : windy ? 1 : 0.7 });
  }
  const hushed = ['calm', 'eerie', 'magical', 'sad'].some((m) => moods.has(m));
  // The drone sits under the other beds; alone it carries the scene.
  if (hushed || scene.timeOfDay === 'night' || scene.setting === 'nightsky')
    layers.push({ kind: 'drone', gain: layers.length ? 0.6 : 1 });
  // Never silence: a scene nothing above matched still gets a soft breeze.
  if (layers.length === 0) layers.push({ kind: 'wind', gain: 0.5 });
  return layers;
}

import type { GenerateSpec, StateValue } from '../../../../core/index.js';
import { resolveSpec } from '../../resolveSpec.js';
import { hashString, streamFor } from '../random/mulberry32.js';
import { buildPalette } from './buildPalette.js';
import { mix } from './color.js';
import { composeFigures } from './composeFigures.js';
import { composeParticles } from './composeParticles.js';
import { composeProps } from './composeProps.js';
import { composeSky } from './composeSky.js';
import { FIGURES } from './keywords/figures.js';
import { MOODS } from './keywords/moods.js';
import { PROPS } from './keywords/props.js';
import { DEFAULT_SETTINGS, SETTING_WORDS } from './keywords/settings.js';
import { STYLES } from './keywords/styles.js';
import { TIMES } from './keywords/times.js';
import { matchKeys, tokenize } from './matchWords.js';
import type { Camera, Scene, TimeOfDay } from './Scene.js';
import { SETTING_LAND, SETTING_RECIPES } from './settings/settingRecipes.js';

export interface ComposeOptions {
  durationSeconds: number;
  /** Caption text; default: the prompt's first sentence. `false` for none. */
  caption?: string | false;
  /**
   * The spec's placeholders are already filled (a RenderJob's spec is): skip filling, so a
   * state value that itself looks like `{x}` is not filled a second time.
   */
  specIsResolved?: boolean;
}

const CAMERA_WORDS = {
  zoom: ['zoom', 'closer', 'approach', 'close'],
  dolly: ['dolly', 'toward', 'towards', 'into'],
  pan: ['pan', 'across', 'along', 'past'],
  still: ['still', 'static', 'wait', 'sit', 'sleep', 'sleeping', 'rest', 'resting', 'watch', 'watching'],
} as const;

/**
 * Compose the animated scene for a spec and state: pure and deterministic (same inputs,
 * same scene), so the same frames come out on every machine.
 * Nouns pick the setting, characters and props; time and mood words pick palette, light
 * and weather; the spec's `style` grades the result; `{var}` placeholders are filled first,
 * so a character colour in state reaches the figure.
 *
 * @example
 * composeScene({ prompt: 'A fox carries a lantern through the forest at dusk', seed: 7,
 *   characters: [{ name: 'fox', color: '{foxColor}' }] }, { foxColor: '#3366ff' }, { durationSeconds: 4 });
 */
export function composeScene(
  spec: GenerateSpec,
  state: Readonly<Record<string, StateValue>>,
  options: ComposeOptions,
): Scene {
  if (!(options.durationSeconds > 0))
    throw new Error(`composeScene: durationSeconds must be > 0 (got ${options.durationSeconds})`);
  const resolved = options.specIsResolved ? spec : resolveSpec(spec, state);
  const seed = (resolved.seed ?? hashString(resolved.prompt)) >>> 0;
  const tokens = tokenize(resolved.prompt);
  const settingMatch = matchKeys(tokens, SETTING_WORDS);
  const moodMatch = matchKeys(tokens, MOODS);
  const timeMatch = matchKeys(tokens, TIMES);
  const figureMatch = matchKeys(tokens, FIGURES);
  const propMatch = matchKeys(tokens, PROPS);
  const cameraMatch = matchKeys(tokens, CAMERA_WORDS);
  const styleMatch = matchKeys([...tokenize(resolved.style ?? ''), ...tokens], STYLES);

  const setting = settingMatch.keys[0] ?? DEFAULT_SETTINGS[seed % DEFAULT_SETTINGS.length]!;
  const moods = moodMatch.keys.map((k) => MOODS[k]!);
  const pick = streamFor(seed, 'time');
  const time: TimeOfDay =
    timeMatch.keys[0] ??
    moods.find((m) => m.time)?.time ??
    (setting === 'nightsky' ? 'night' : (['day', 'dusk', 'dawn'] as const)[Math.floor(pick() * 3)]!);
  const styles = styleMatch.keys.map((k) => STYLES[k]!);
  const land = moods.reduce((l, m) => (m.land ? mix(l, m.land.towards, m.land.amount) : l), SETTING_LAND[setting]);
  const { palette, grade } = buildPalette(time, land, moods, styles);
  const recipe = SETTING_RECIPES[setting]({ rand: streamFor(seed, `layers:${setting}`), palette, time, grade });

  const pace = moods.reduce((p, m) => p * (m.pace ?? 1), 1);
  const durationSeconds = options.durationSeconds;
  const cameraRand = streamFor(seed, 'camera');
  const move: Camera['move'] = cameraMatch.keys[0] ?? (cameraRand() < 0.65 ? 'pan' : 'dolly');
  const camera: Camera = {
    move,
    panPx: move === 'pan' || move === 'dolly' ? Math.round(Math.min(260, 40 * durationSeconds) * pace) : 0,
    zoomFrom: 1,
    zoomTo: move === 'zoom' ? 1.12 : move === 'dolly' ? 1.06 : 1,
  };
  const figures = composeFigures({
    rand: streamFor(seed, 'figures'),
    characters: resolved.characters ?? [],
    promptKinds: figureMatch.keys,
    tokens,
    groundY: recipe.groundY,
    groundDepth: recipe.groundDepth,
    durationSeconds,
    pace,
    groundPan: camera.panPx * recipe.groundDepth,
    resting: move === 'still',
  });
  const props = composeProps({
    rand: streamFor(seed, 'props'),
    kinds: propMatch.keys,
    setting,
    time,
    palette,
    figures,
    groundY: recipe.groundY,
    groundDepth: recipe.groundDepth,
  });
  const weatherMood = moods.find((m) => m.weather);
  const weather = weatherMood?.weather ?? recipe.weather;
  const particles = composeParticles(streamFor(seed, 'particles'), weather, weatherMood?.particleColor);
  const clouds = Math.max(...moods.map((m) => m.clouds ?? 0), time === 'day' ? 3 : time === 'night' ? 1 : 2);
  const sky = composeSky(streamFor(seed, 'sky'), time, palette, {
    clouds,
    starry: setting === 'nightsky' && clouds < 5,
  });
  const flashRand = streamFor(seed, 'flashes');
  const flashes: number[] = [];
  if (moods.some((m) => m.flashes)) {
    for (let t = 0.4 + flashRand() * 1.2; t < durationSeconds; t += 1.6 + flashRand() * 2.2)
      flashes.push(Number(t.toFixed(3)));
  }
  const used = new Set(
    [settingMatch, moodMatch, timeMatch, figureMatch, propMatch, cameraMatch, styleMatch].flatMap((m) => [...m.used]),
  );
  const captionText = options.caption === false ? undefined : (options.caption ?? firstSentence(resolved.prompt));
  return {
    version: 1,
    seed,
    durationSeconds,
    setting,
    timeOfDay: time,
    moods: moodMatch.keys,
    palette,
    sky,
    layers: recipe.layers,
    characters: figures,
    props,
    particles,
    camera,
    ...(captionText
      ? { caption: { text: captionText, from: Math.min(0.3, durationSeconds / 4), to: durationSeconds } }
      : {}),
    flashes,
    unmatched: tokens.filter((t) => !used.has(t) && t.length > 3 && !STOP.has(t)),
  };
}

const STOP = new Set([
  'the',
  'through',
  'with',
  'from',
  'into',
  'over',
  'under',
  'their',
  'there',
  'then',
  'while',
  'when',
  'where',
  'this',
  'that',
  'they',
  'walks',
  'goes',
]);

function firstSentence(prompt: string): string {
  const s = (prompt.split(/(?<=[.!?])\s/)[0] ?? prompt).trim();
  return s.length > 90 ? `${s.slice(0, 87).trimEnd()}…` : s;
}

import type { CharacterSpec } from '../../../../core/index.js';
import { parseColor, toHex } from './color.js';
import { COAT_COLORS, FIGURES, PERSON_LOOKS } from './keywords/figures.js';
import { matchKeys, tokenize } from './matchWords.js';
import type { Figure, FigureKind, PersonLook } from './Scene.js';

export interface FigureInput {
  rand: () => number;
  characters: readonly CharacterSpec[];
  /** Figure kinds named in the prompt, in order. */
  promptKinds: readonly FigureKind[];
  /** Prompt tokens: person words pick a look (wizard hat, knight helmet...). */
  tokens?: readonly string[];
  groundY: number;
  groundDepth: number;
  durationSeconds: number;
  pace: number;
  /** Stage px the ground layer moves with the camera over the clip. */
  groundPan: number;
  /** Walkers stand idle (the prompt says they sit, wait or watch). */
  resting?: boolean;
}

/**
 * The story's characters (with their colours from state) plus any creature the prompt
 * names that no character spec covers, placed along the ground so they stay in shot
 * for the whole clip while the camera tracks them.
 *
 * @example
 * composeFigures({ rand, characters: [{ name: 'fox', color: '#3366ff' }], promptKinds: ['fox'], ... });
 * // one blue fox
 */
export function composeFigures(input: FigureInput): Figure[] {
  const { rand, groundY, groundDepth, durationSeconds: d } = input;
  const wanted: { name: string; kind: FigureKind; color?: string; look?: PersonLook }[] = input.characters.map((c) => {
    const words = tokenize(`${c.kind ?? ''} ${c.name}`);
    const kind = matchKeys(words, FIGURES).keys[0] ?? 'person';
    const rgb = c.color === undefined ? undefined : parseColor(c.color);
    return {
      name: c.name,
      kind,
      look: matchKeys(words, PERSON_LOOKS).keys[0] ?? 'plain',
      ...(rgb ? { color: toHex(rgb) } : {}),
    };
  });
  // People the prompt names ("a knight and a girl") each get a figure with their look.
  const promptLooks = matchKeys(input.tokens ?? [], PERSON_LOOKS).keys;
  for (const kind of input.promptKinds) {
    if (wanted.some((w) => w.kind === kind)) continue;
    if (kind !== 'person') wanted.push({ name: kind, kind });
    else
      for (const look of promptLooks.length ? promptLooks.slice(0, 3) : (['plain'] as const))
        wanted.push({ name: look === 'plain' ? 'person' : look, kind, look });
  }
  let coat = Math.floor(rand() * COAT_COLORS.length);
  const walkers = wanted.filter((w) => FIGURES[w.kind].motion !== 'fly').length;
  let slot = 0;
  return wanted.slice(0, 5).map((w, i) => {
    const look = FIGURES[w.kind];
    const flying = look.motion === 'fly';
    const idle = !flying && input.resting === true;
    const depth = flying ? 0.6 : groundDepth;
    let speed = idle ? 0 : look.speed * input.pace;
    // Keep the on-screen travel under ~560 px so nobody walks out of shot.
    const pan = flying ? 0 : input.groundPan;
    const maxSpeed = (560 + pan) / d;
    if (speed > maxSpeed) speed = maxSpeed;
    const travel = speed * d - pan;
    const gap = flying ? 0 : (idle ? 260 : 170) * (walkers > 1 ? 1 : 0);
    const x = Math.round(640 - travel / 2 + (flying ? (rand() - 0.5) * 300 : (walkers - 1) * gap * 0.5 - slot * gap));
    if (!flying) slot++;
    return {
      name: w.name,
      kind: w.kind,
      color: w.color ?? (w.kind === 'person' ? COAT_COLORS[coat++ % COAT_COLORS.length]! : look.color),
      accent: look.accent,
      ...(w.kind === 'person' ? { look: w.look ?? 'plain' } : {}),
      x,
      y: flying ? Math.round(230 + rand() * 120) : groundY + Math.round(i * 4),
      scale: look.scale,
      depth,
      motion: idle ? 'idle' : look.motion,
      speed: Number(speed.toFixed(2)),
      facing: 1,
      phase: Number((rand() * 2).toFixed(3)),
    };
  });
}

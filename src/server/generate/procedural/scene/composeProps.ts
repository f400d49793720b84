import { PROPS } from './keywords/props.js';
import type { Figure, Palette, Prop, PropKind, SettingId, TimeOfDay } from './Scene.js';

export interface PropInput {
  rand: () => number;
  kinds: readonly PropKind[];
  setting: SettingId;
  time: TimeOfDay;
  palette: Palette;
  figures: readonly Figure[];
  groundY: number;
  groundDepth: number;
}

/**
 * Props the prompt names, plus what the setting implies after dark (street lamps in a
 * night city). A lantern is carried by the first walking character when there is one.
 *
 * @example
 * composeProps({ kinds: ['lantern'], figures: [fox], ... }); // a lantern carried by the fox
 */
export function composeProps(input: PropInput): Prop[] {
  const { rand, setting, time, groundY, groundDepth } = input;
  const kinds = [...input.kinds];
  const dark = time === 'night' || time === 'dusk';
  if (setting === 'city' && dark && !kinds.includes('streetlamp')) kinds.push('streetlamp');
  const carrier = input.figures.findIndex((f) => f.motion !== 'fly');
  const out: Prop[] = [];
  for (const kind of kinds) {
    const look = PROPS[kind];
    const light = look.light
      ? { ...look.light, color: kind === 'lantern' || kind === 'campfire' ? look.light.color : input.palette.warm }
      : undefined;
    const base = { kind, color: look.color, scale: 1, ...(light ? { light } : {}) };
    switch (kind) {
      case 'lantern':
        if (carrier >= 0 && setting !== 'room')
          out.push({ ...base, x: 0, y: 0, depth: groundDepth, carriedBy: carrier });
        else
          out.push({
            ...base,
            x: setting === 'room' ? 880 : 760 + Math.round(rand() * 200),
            y: setting === 'room' ? 530 : groundY,
            depth: groundDepth,
          });
        break;
      case 'streetlamp':
        for (let x = 120 + Math.round(rand() * 120); x < 1700; x += 420)
          out.push({ ...base, x, y: groundY + 6, depth: groundDepth });
        break;
      case 'house':
        out.push({ ...base, x: 880 + Math.round(rand() * 160), y: groundY - 40, depth: 0.6, scale: 0.9 });
        break;
      case 'boat':
        out.push({
          ...base,
          x: 300 + Math.round(rand() * 600),
          y: setting === 'sea' ? 545 : groundY,
          depth: setting === 'sea' ? 0.55 : groundDepth,
        });
        break;
      case 'lighthouse':
        out.push({
          ...base,
          x: 1040 + Math.round(rand() * 120),
          y: setting === 'sea' ? 470 : groundY - 60,
          depth: 0.35,
          scale: 0.8,
        });
        break;
      case 'tent':
        out.push({ ...base, x: 930 + Math.round(rand() * 140), y: groundY + 4, depth: groundDepth });
        break;
      default:
        out.push({ ...base, x: 640 + Math.round(rand() * 160), y: groundY + 4, depth: groundDepth });
    }
  }
  return out;
}

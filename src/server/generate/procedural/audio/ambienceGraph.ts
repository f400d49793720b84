import { streamFor } from '../random/mulberry32.js';
import type { Scene } from '../scene/Scene.js';
import type { AmbienceLayer } from './chooseAmbience.js';
import { chooseAmbience } from './chooseAmbience.js';

const RATE = 48_000;

/**
 * An ffmpeg lavfi source graph (for `-f lavfi -i`) of the scene's ambience: seeded noise
 * beds shaped by filters and slow tremolo, and sine drones, as 48 kHz stereo. Every random
 * choice (noise seeds, LFO rates, drone pitch) comes from the scene's seed, and ffmpeg's
 * `anoisesrc` is deterministic for a fixed seed, so the same scene gives the same samples.
 * The graph is endless: `encodeHls` cuts it to the video's length and fades both ends.
 *
 * @example
 * const graph = ambienceGraph(scene); // 'anoisesrc=color=pink:seed=...,lowpass=...[l0];...'
 * await encodeHls({ ..., audio: { kind: 'lavfi', graph } });
 */
export function ambienceGraph(scene: Scene, layers: readonly AmbienceLayer[] = chooseAmbience(scene)): string {
  if (layers.length === 0) throw new Error('ambienceGraph: at least one layer is needed');
  const rand = streamFor(scene.seed, 'ambience');
  const parts = layers.map((layer, i) => bed(layer, i, rand));
  const labels = layers.map((_, i) => `[b${i}]`).join('');
  const mix = layers.length === 1 ? `${labels}anull` : `${labels}amix=inputs=${layers.length}:normalize=0`;
  // Each bed alone is calibrated to about -24 LUFS at gain 1; uncorrelated beds add in power,
  // so scaling by 1/sqrt(sum of squared gains) keeps any mix near -24 LUFS (quiet, under speech).
  const mixGain = 1 / Math.sqrt(layers.reduce((a, l) => a + l.gain * l.gain, 0));
  return `${parts.join(';')};${mix},volume=${n(mixGain)},aformat=sample_fmts=fltp:sample_rates=${RATE}:channel_layouts=stereo`;
}

const n = (x: number) => x.toFixed(3);

/** One bed as stereo `[b<i>]`: noise beds get a different seed per channel so they sound wide. */
function bed(layer: AmbienceLayer, i: number, rand: () => number): string {
  const seed = () => Math.floor(rand() * 2 ** 31);
  const noise = (color: string, chain: (ch: number) => string, gain: number) => {
    const ch = [0, 1].map(
      (c) =>
        `anoisesrc=color=${color}:sample_rate=${RATE}:seed=${seed()},${chain(c)},volume=${n(gain * layer.gain)}[c${i}_${c}]`,
    );
    return `${ch.join(';')};[c${i}_0][c${i}_1]join=inputs=2:channel_layout=stereo[b${i}]`;
  };
  switch (layer.kind) {
    case 'wind': {
      // Gusts: a slow tremolo at slightly different rates per ear over low-passed pink noise.
      const cutoff = 280 + rand() * 160;
      const rates = [0.15 + rand() * 0.2, 0.15 + rand() * 0.2];
      return noise(
        'pink',
        (c) => `lowpass=f=${n(cutoff)},lowpass=f=${n(cutoff * 1.6)},tremolo=f=${n(rates[c]!)}:d=0.6`,
        0.85,
      );
    }
    case 'rain':
      return noise('white', () => 'highpass=f=1500,lowpass=f=7000', 0.11);
    case 'surf': {
      // Waves: brown noise swelling and falling every 7–10 s (tremolo's slowest is 0.1 Hz).
      const rate = 0.1 + rand() * 0.04;
      return noise('brown', (c) => `lowpass=f=700,tremolo=f=${n(rate * (c ? 1.1 : 1))}:d=0.85`, 0.5);
    }
    case 'rumble':
      return noise('brown', () => 'lowpass=f=250,lowpass=f=250', 0.42);
    case 'roomtone':
      return noise('brown', () => 'lowpass=f=200', 0.3);
    case 'drone': {
      // A soft open fifth (A2–E3 region), slowly breathing.
      const root = 98 + rand() * 40;
      const sines = [1, 1.5, 2].map(
        (k, j) =>
          `sine=f=${n(root * k)}:sample_rate=${RATE},volume=${n([0.6, 0.36, 0.16][j]! * layer.gain)}[s${i}_${j}]`,
      );
      return `${sines.join(';')};[s${i}_0][s${i}_1][s${i}_2]amix=inputs=3:normalize=0,tremolo=f=${n(0.1 + rand() * 0.1)}:d=0.3,pan=stereo|c0=c0|c1=c0[b${i}]`;
    }
  }
}

import type { PropKind } from '../Scene.js';

export interface PropLook {
  words: readonly string[];
  color: string;
  /** A light source: glow radius in stage px and flicker 0..1. */
  light?: { color: string; radius: number; flicker: number };
}

// Props: several are light sources that glow, and glow reads best at dusk and night.
export const PROPS: Readonly<Record<PropKind, PropLook>> = {
  lantern: {
    words: ['lantern', 'lamp', 'light', 'torch', 'candle'],
    color: '#3a2a1c',
    light: { color: '#ffb347', radius: 170, flicker: 0.12 },
  },
  campfire: {
    words: ['campfire', 'fire', 'bonfire', 'camp', 'flame'],
    color: '#4a2c1a',
    light: { color: '#ff8a2a', radius: 260, flicker: 0.25 },
  },
  house: {
    words: ['cottage', 'hut', 'farmhouse', 'shelter', 'inn'],
    color: '#4a3a38',
    light: { color: '#ffcc66', radius: 90, flicker: 0.04 },
  },
  boat: { words: ['boat', 'ship', 'sail', 'sailboat', 'raft', 'canoe'], color: '#6b3f2a' },
  lighthouse: {
    words: ['lighthouse', 'beacon'],
    color: '#e8e4dc',
    light: { color: '#fff2b0', radius: 200, flicker: 0 },
  },
  streetlamp: {
    words: ['streetlamp', 'streetlight', 'lamppost'],
    color: '#22252e',
    light: { color: '#ffd88a', radius: 150, flicker: 0.03 },
  },
  tent: { words: ['tent', 'camping'], color: '#c0563a' },
};

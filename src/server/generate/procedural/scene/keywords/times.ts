import type { TimeOfDay } from '../Scene.js';

export interface TimeLook {
  words: readonly string[];
  skyTop: string;
  skyBottom: string;
  haze: string;
  light: string;
  body: 'sun' | 'moon';
  /** Height of the sun/moon in the stage (px from top). */
  bodyY: number;
  /** Land is mixed towards this colour by `landAmount` (dusk purples, night blues). */
  landTowards: string;
  landAmount: number;
  warm: string;
}

// Sky and light per time of day: the biggest single lever on how a frame feels.
export const TIMES: Readonly<Record<TimeOfDay, TimeLook>> = {
  dawn: {
    words: ['dawn', 'sunrise', 'morning', 'daybreak', 'early'],
    skyTop: '#34467e',
    skyBottom: '#f7b58f',
    haze: '#e9a38f',
    light: '#ffe0a8',
    body: 'sun',
    bodyY: 470,
    landTowards: '#3e3357',
    landAmount: 0.35,
    warm: '#ffc46b',
  },
  day: {
    words: ['day', 'noon', 'afternoon', 'sunny', 'daylight', 'midday', 'summer'],
    skyTop: '#3f8fdc',
    skyBottom: '#c4e6f7',
    haze: '#b8d9ea',
    light: '#fff7d6',
    body: 'sun',
    bodyY: 150,
    landTowards: '#ffffff',
    landAmount: 0,
    warm: '#ffd27a',
  },
  dusk: {
    words: ['dusk', 'sunset', 'evening', 'twilight', 'golden', 'sundown'],
    skyTop: '#2b2456',
    skyBottom: '#f39150',
    haze: '#d8766a',
    light: '#ffc27a',
    body: 'sun',
    bodyY: 500,
    landTowards: '#3b1f3f',
    landAmount: 0.5,
    warm: '#ffb35c',
  },
  night: {
    words: ['night', 'midnight', 'moonlit', 'moonlight', 'dark', 'nocturnal', 'moon'],
    skyTop: '#060a1c',
    skyBottom: '#1f2f57',
    haze: '#3a4f86',
    light: '#f1efd8',
    body: 'moon',
    bodyY: 140,
    landTowards: '#141d3c',
    landAmount: 0.66,
    warm: '#ffb14e',
  },
};

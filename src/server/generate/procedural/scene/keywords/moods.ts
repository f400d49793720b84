import type { TimeOfDay, WeatherKind } from '../Scene.js';

export interface MoodLook {
  words: readonly string[];
  weather?: WeatherKind;
  /** Time of day this mood implies when the prompt names none. */
  time?: TimeOfDay;
  /** Frame overlay (with alpha). */
  tint?: string;
  /** 0..1: pull colours towards grey. */
  desaturate?: number;
  /** -1..1: darken or lighten the sky. */
  skyShade?: number;
  clouds?: number;
  flashes?: boolean;
  particleColor?: string;
  /** Multiplies walk speed and camera travel. */
  pace?: number;
  vignette?: number;
  /** Pull the land towards a colour: snow whitens it, autumn turns it orange. */
  land?: { towards: string; amount: number };
}

// Moods and weather: each visibly changes palette, particles or light.
export const MOODS: Readonly<Record<string, MoodLook>> = {
  storm: {
    words: ['storm', 'stormy', 'thunder', 'lightning', 'tempest', 'thunderstorm'],
    weather: 'rain',
    time: 'dusk',
    tint: 'rgba(30,40,60,0.35)',
    desaturate: 0.45,
    skyShade: -0.45,
    clouds: 9,
    flashes: true,
    particleColor: '#b8c8e0',
    pace: 1.3,
    vignette: 0.55,
  },
  rain: {
    words: ['rain', 'rainy', 'drizzle', 'wet', 'shower', 'puddle'],
    weather: 'rain',
    tint: 'rgba(40,60,90,0.2)',
    desaturate: 0.3,
    skyShade: -0.2,
    clouds: 7,
    particleColor: '#c8d8ee',
  },
  snow: {
    words: ['snow', 'snowy', 'winter', 'frost', 'frozen', 'icy', 'blizzard', 'christmas'],
    weather: 'snow',
    tint: 'rgba(200,220,255,0.12)',
    desaturate: 0.35,
    clouds: 4,
    particleColor: '#ffffff',
    pace: 0.8,
    land: { towards: '#eef3fb', amount: 0.7 },
  },
  fog: {
    words: ['fog', 'foggy', 'mist', 'misty', 'haze', 'hazy'],
    tint: 'rgba(200,205,215,0.28)',
    desaturate: 0.4,
    clouds: 2,
    pace: 0.7,
  },
  calm: {
    words: ['calm', 'peaceful', 'quiet', 'gentle', 'still', 'serene', 'slow', 'sleepy', 'cozy', 'cosy'],
    pace: 0.6,
    vignette: 0.25,
    particleColor: '#fff3c0',
  },
  joyful: {
    words: [
      'joyful',
      'happy',
      'cheerful',
      'playful',
      'bright',
      'fun',
      'celebrate',
      'festival',
      'party',
      'joy',
      'dance',
    ],
    weather: 'sparkles',
    time: 'day',
    tint: 'rgba(255,220,150,0.08)',
    desaturate: -0.25,
    particleColor: '#ffe680',
    pace: 1.25,
    vignette: 0.15,
  },
  eerie: {
    words: [
      'eerie',
      'spooky',
      'haunted',
      'creepy',
      'ghost',
      'ghostly',
      'sinister',
      'strange',
      'scary',
      'witch',
      'shadow',
    ],
    weather: 'fireflies',
    time: 'night',
    tint: 'rgba(70,30,110,0.16)',
    desaturate: 0.4,
    skyShade: -0.15,
    particleColor: '#9dff8a',
    pace: 0.7,
    vignette: 0.7,
  },
  sad: {
    words: ['sad', 'lonely', 'melancholy', 'gloomy', 'lost', 'alone', 'tears', 'grief'],
    tint: 'rgba(40,60,110,0.25)',
    desaturate: 0.55,
    skyShade: -0.1,
    clouds: 5,
    pace: 0.6,
    vignette: 0.5,
  },
  magical: {
    words: ['magic', 'magical', 'enchanted', 'fairy', 'wonder', 'dream', 'dreamy', 'spell', 'glowing', 'mystic'],
    weather: 'fireflies',
    tint: 'rgba(120,60,200,0.14)',
    particleColor: '#ffe9a8',
    vignette: 0.4,
  },
  autumn: {
    words: ['autumn', 'fall', 'leaf', 'leaves', 'harvest', 'october'],
    weather: 'leaves',
    tint: 'rgba(255,140,40,0.1)',
    particleColor: '#e07a2c',
    land: { towards: '#d4661f', amount: 0.65 },
  },
  heat: {
    words: ['hot', 'heat', 'scorching', 'dusty', 'dust', 'dry', 'wind', 'windy'],
    weather: 'dust',
    tint: 'rgba(255,180,90,0.12)',
    particleColor: '#f0c890',
  },
  underwater: {
    words: ['underwater', 'bubble', 'bubbles', 'dive', 'diving', 'deep'],
    weather: 'bubbles',
    tint: 'rgba(20,120,160,0.3)',
    particleColor: '#d8f4ff',
  },
};

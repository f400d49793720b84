import type { FigureKind, PersonLook } from '../Scene.js';

export interface FigureLook {
  words: readonly string[];
  color: string;
  accent: string;
  motion: 'walk' | 'idle' | 'fly' | 'hop';
  /** Size relative to a person. */
  scale: number;
  speed: number;
}

// Characters the painter can draw as stylised vector figures.
export const FIGURES: Readonly<Record<FigureKind, FigureLook>> = {
  fox: { words: ['fox', 'vixen'], color: '#e0702a', accent: '#fff1e0', motion: 'walk', scale: 0.7, speed: 70 },
  cat: {
    words: ['cat', 'kitten', 'kitty'],
    color: '#6b6b78',
    accent: '#f2e6d8',
    motion: 'walk',
    scale: 0.55,
    speed: 55,
  },
  dog: {
    words: ['dog', 'puppy', 'hound', 'wolf'],
    color: '#a0703c',
    accent: '#f0dcc0',
    motion: 'walk',
    scale: 0.68,
    speed: 75,
  },
  rabbit: {
    words: ['rabbit', 'bunny', 'hare'],
    color: '#d8cfc4',
    accent: '#ffffff',
    motion: 'hop',
    scale: 0.5,
    speed: 60,
  },
  person: {
    words: [
      'person',
      'man',
      'woman',
      'girl',
      'boy',
      'child',
      'kid',
      'hero',
      'traveler',
      'traveller',
      'wanderer',
      'knight',
      'wizard',
      'explorer',
      'friend',
      'stranger',
      'she',
      'he',
      'king',
      'queen',
      'princess',
      'prince',
      'sailor',
    ],
    color: '#3f6fb5',
    accent: '#f2c9a0',
    motion: 'walk',
    scale: 1,
    speed: 60,
  },
  robot: {
    words: ['robot', 'android', 'machine', 'bot', 'droid', 'automaton'],
    color: '#9aa7b8',
    accent: '#5ef0ff',
    motion: 'walk',
    scale: 0.9,
    speed: 45,
  },
  bird: {
    words: ['bird', 'owl', 'crow', 'raven', 'sparrow', 'gull', 'seagull', 'dove', 'eagle', 'swallow'],
    color: '#30354a',
    accent: '#f2b84b',
    motion: 'fly',
    scale: 0.5,
    speed: 110,
  },
};

/** Which person words get which silhouette, so a knight and a wizard read differently. */
export const PERSON_LOOKS: Readonly<Record<Exclude<PersonLook, 'plain'>, { words: readonly string[] }>> = {
  wizard: { words: ['wizard', 'witch', 'mage', 'sorcerer'] },
  knight: { words: ['knight', 'soldier', 'warrior', 'king'] },
  hood: { words: ['traveler', 'traveller', 'wanderer', 'stranger', 'explorer', 'monk', 'hero'] },
  'long-hair': { words: ['girl', 'woman', 'she', 'queen', 'princess', 'mother', 'sister'] },
  sailor: { words: ['sailor', 'fisherman', 'captain', 'pirate'] },
};

/** Coats for people the story gives no colour: picked by seed. */
export const COAT_COLORS: readonly string[] = [
  '#3f6fb5',
  '#b5523f',
  '#4f8a55',
  '#8a5aa8',
  '#c08a2e',
  '#2f7f86',
  '#a83f62',
];

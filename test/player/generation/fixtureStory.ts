import type { Story } from '../../../src/core/index.js';

/**
 * intro (4 s, media) ─ choice at 1..4 ─► left (6 s) ─► choice ─► l1 / l2 (5 s, end)
 *                                     └─► right (6 s) ─► choice ─► r1 / r2 (5 s, end)
 * Every segment after intro is generated.
 */
export function forkStory(): Story {
  const gen = (prompt: string) => ({ prompt });
  const fork = (a: string, b: string) => ({
    prompt: 'Which?',
    at: 1,
    until: 5,
    default: a,
    options: [
      { id: a, label: a, next: a },
      { id: b, label: b, next: b },
    ],
  });
  return {
    offshoot: 1,
    id: 'fork',
    title: 'Fork',
    start: 'intro',
    state: {},
    segments: {
      intro: { media: 'media/intro/index.m3u8', duration: 4, choice: fork('left', 'right') },
      left: { generate: gen('a left path'), duration: 6, choice: fork('l1', 'l2') },
      right: { generate: gen('a right path'), duration: 6, choice: fork('r1', 'r2') },
      l1: { generate: gen('l1'), duration: 5, end: true },
      l2: { generate: gen('l2'), duration: 5, end: true },
      r1: { generate: gen('r1'), duration: 5, end: true },
      r2: { generate: gen('r2'), duration: 5, end: true },
    },
  };
}

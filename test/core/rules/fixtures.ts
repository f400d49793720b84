// Stories shared by the rules, machine and paths tests: the two examples and a small
// story that exercises hidden defaults, swapping sets and visit-count routes.
import { readFileSync } from 'node:fs';
import type { Story } from '../../../src/core/story/Story.js';

export function loadExample(name: 'night-walk' | 'three-doors'): Story {
  return JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), 'utf8')) as Story;
}

const media = (id: string) => `media/${id}/index.m3u8`;

/** s: choice (hidden default `hid`, swap a/b, `also` when a == 1); r: routes on visits.r; x: the end. */
export const tiny: Story = {
  offshoot: 1,
  id: 'tiny',
  title: 'Tiny',
  start: 's',
  state: { a: 1, b: 2, flag: false },
  segments: {
    s: {
      media: media('s'),
      duration: 4,
      choice: {
        prompt: 'Pick',
        at: 1,
        until: 3,
        default: 'hid',
        options: [
          { id: 'hid', label: 'Hidden', next: 'x', if: 'flag' },
          { id: 'swap', label: 'Swap', next: 'r', set: { a: 'b', b: 'a' } },
          { id: 'also', label: 'Also', next: 'x', if: 'a == 1' },
        ],
      },
    },
    r: { media: media('r'), duration: 2, next: [{ if: 'visits.r >= 2', to: 'x' }, { to: 's' }] },
    x: { media: media('x'), duration: 2, end: true },
  },
};

/** Like `tiny`, but no option of `s` is ever visible. */
export const allHidden: Story = {
  ...tiny,
  id: 'all-hidden',
  segments: {
    ...tiny.segments,
    s: {
      media: media('s'),
      duration: 4,
      choice: {
        prompt: 'Pick',
        at: 1,
        default: 'b',
        options: [
          { id: 'a', label: 'A', next: 'x', if: 'flag' },
          { id: 'b', label: 'B', next: 'x', if: 'a > 5' },
        ],
      },
    },
  },
};

/** Routes that cycle without a choice: p → q → p … */
export const routeLoop: Story = {
  offshoot: 1,
  id: 'loop',
  title: 'Loop',
  start: 'p',
  state: {},
  segments: {
    p: { media: media('p'), duration: 1, next: 'q' },
    q: { media: media('q'), duration: 1, next: [{ if: 'visits.q > 1000000', to: 'z' }, { to: 'p' }] },
    z: { media: media('z'), duration: 1, end: true },
  },
};

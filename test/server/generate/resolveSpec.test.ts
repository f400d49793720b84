import { describe, expect, it } from 'vitest';
import { placeholdersOf, relevantState, resolveSpec } from '../../../src/server/generate/resolveSpec.js';

describe('resolveSpec', () => {
  it('fills placeholders in prompt, style and characters from state', () => {
    const spec = {
      prompt: 'The {foxColor} fox meets {friend}',
      style: '{look}',
      characters: [{ name: 'fox', kind: 'fox', color: '{foxColor}' }],
    };
    const out = resolveSpec(spec, { foxColor: 'red', friend: 'an owl', look: 'pastel', score: 3 });
    expect(out.prompt).toBe('The red fox meets an owl');
    expect(out.style).toBe('pastel');
    expect(out.characters?.[0]).toEqual({ name: 'fox', kind: 'fox', color: 'red' });
    expect(spec.prompt).toBe('The {foxColor} fox meets {friend}');
  });

  it('names the field and the variable when a placeholder has no value', () => {
    expect(() => resolveSpec({ prompt: 'x', characters: [{ name: 'a', color: '{missing}' }] }, { other: 1 })).toThrow(
      /generate\.characters\[0\]\.color: placeholder \{missing\} has no value in state \(state has: other\)/,
    );
  });
});

describe('relevantState', () => {
  it('takes the placeholders when `uses` is absent, sorted by name', () => {
    const spec = { prompt: 'A {b} and {a}', characters: [{ name: 'c', color: '{c}' }] };
    expect(placeholdersOf(spec)).toEqual(['b', 'a', 'c']);
    expect(Object.entries(relevantState(spec, { c: 'blue', a: 1, b: true, noise: 9 }))).toEqual([
      ['a', 1],
      ['b', true],
      ['c', 'blue'],
    ]);
  });

  it('uses `uses` when given, and rejects an unknown variable', () => {
    expect(relevantState({ prompt: 'A {b}', uses: ['brave'] }, { brave: false, b: 1 })).toEqual({ brave: false });
    expect(() => relevantState({ prompt: 'x', uses: ['ghost'] }, {})).toThrow(/"ghost" has no value in state/);
  });
});

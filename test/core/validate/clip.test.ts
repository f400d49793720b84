import { describe, expect, it } from 'vitest';
import { clip } from '../../../src/core/validate/clip.js';

describe('clip', () => {
  it('keeps text up to the limit and cuts longer text to its first (limit − 3) characters and an ellipsis', () => {
    expect(clip('a'.repeat(60))).toBe('a'.repeat(60));
    expect(clip('a'.repeat(61))).toBe(`${'a'.repeat(57)}…`);
    expect(clip('abcdef', 5)).toBe('ab…');
  });
});

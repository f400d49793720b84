import { describe, expect, it } from 'vitest';
import { attributeBytes, decodeVlq, ownerOf } from '../../bench/support/attributeBytes.js';

describe('decodeVlq', () => {
  it('decodes source-map segments, signs and continuation digits included', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('CACD')).toEqual([1, 0, 1, -1]);
    expect(decodeVlq('gBAAA')).toEqual([16, 0, 0, 0]);
    expect(() => decodeVlq('A*')).toThrow(/bad VLQ character "\*"/);
  });
});

describe('ownerOf', () => {
  it('names packages (scoped too) and our layers', () => {
    expect(ownerOf('../node_modules/pixi.js/lib/app/Application.mjs')).toBe('pixi.js');
    expect(ownerOf('../node_modules/@pixi/colord/index.mjs')).toBe('@pixi/colord');
    expect(ownerOf('../../src/player/createPlayer.ts')).toBe('offshoot src/player');
  });
});

describe('attributeBytes', () => {
  it('gives each mapped span to its source and glue to (unmapped)', () => {
    // Line 1: "aaaa" from source 0 at column 0, then "bb" from source 1 at column 4.
    // Line 2: "cc" with no mapping at all.
    const code = 'aaaabb\ncc';
    const totals = attributeBytes(code, {
      sources: ['../node_modules/x/i.js', '../src/core/y.ts'],
      mappings: 'AAAA,ICAA;',
    });
    expect(totals.get('x')).toBe(4);
    expect(totals.get('offshoot src/core')).toBe(3); // "bb" and the newline
    expect(totals.get('(unmapped)')).toBe(2);
  });
});

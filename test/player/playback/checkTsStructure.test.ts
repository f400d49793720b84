// Runs in Node on the MPEG-TS clip scripts/make-test-media.ts wrote (npm run media).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTsStructure } from '../../../src/player/playback/checkTsStructure.js';

const ts = () => {
  const b = readFileSync('test/media/bframes-ts/seg_000.mpegts');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

describe('checkTsStructure', () => {
  it("accepts ffmpeg's MPEG-TS fragments", () => {
    expect(() => checkTsStructure(ts(), 'https://cdn.test/seg_000.ts')).not.toThrow();
  });

  it('refuses a body cut short, garbage or an HTML page, naming the URL and what is wrong', () => {
    const cut = ts().slice(0, 188 * 3 + 50);
    expect(() => checkTsStructure(cut, 'https://cdn.test/cut.ts')).toThrow(
      /cut\.ts: not valid MPEG-TS \(614 bytes is not a whole number of 188-byte packets\)/,
    );
    const html = new TextEncoder().encode('<html>'.padEnd(188 * 2, ' ')).buffer;
    expect(() => checkTsStructure(html, 'https://cdn.test/x.ts')).toThrow(/x\.ts: .*no sync byte 0x47 at offset 0/);
    const bad = ts();
    new Uint8Array(bad)[188 * 2] = 0;
    expect(() => checkTsStructure(bad, 'https://cdn.test/y.ts')).toThrow(/offset 376/);
    expect(() => checkTsStructure(new ArrayBuffer(0), 'https://cdn.test/z.ts')).toThrow(/no bytes/);
  });
});

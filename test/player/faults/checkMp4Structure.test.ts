import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMp4Structure } from '../../../src/player/playback/checkMp4Structure.js';
import { PlaybackError } from '../../../src/player/playback/PlaybackError.js';

// Real fMP4 from the test media (npm run media), and the ways a download can spoil it.
const bytes = (file: string): ArrayBuffer => {
  const b = readFileSync(`test/media/intro/${file}`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
const toBuffer = (b: Buffer): ArrayBuffer => new Uint8Array(b).buffer;
const failure = (data: ArrayBuffer, kind: 'init' | 'fragment'): PlaybackError => {
  try {
    checkMp4Structure(data, kind, 'https://cdn.example/x.m4s');
  } catch (error) {
    if (error instanceof PlaybackError) return error;
    throw error;
  }
  throw new Error('expected checkMp4Structure to throw');
};

describe('checkMp4Structure', () => {
  it('accepts a real init section and fragment', () => {
    expect(() => checkMp4Structure(bytes('init.mp4'), 'init', 'init.mp4')).not.toThrow();
    expect(() => checkMp4Structure(bytes('seg_001.m4s'), 'fragment', 'seg_001.m4s')).not.toThrow();
  });

  it('accepts libx265 output as ffmpeg packages it (hvc1 and hev1, every fragment)', () => {
    for (const dir of ['hevc/video', 'hevc-hev1/video']) {
      const file = (name: string) => readFileSync(`test/media/${dir}/${name}`);
      expect(() => checkMp4Structure(toBuffer(file('init.mp4')), 'init', dir)).not.toThrow();
      for (const name of readdirSync(`test/media/${dir}`).filter((f) => f.endsWith('.m4s')))
        expect(() => checkMp4Structure(toBuffer(file(name)), 'fragment', name)).not.toThrow();
    }
  });

  it('rejects a fragment cut short, naming the URL and the box', () => {
    const whole = bytes('seg_001.m4s');
    const error = failure(whole.slice(0, Math.floor(whole.byteLength / 2)), 'fragment');
    expect(error.code).toBe('fragment-corrupt');
    expect(error.message).toMatch(
      /^https:\/\/cdn\.example\/x\.m4s: not valid fMP4 \(box "mdat" at offset \d+ claims \d+ bytes, \d+ left\)$/,
    );
  });

  it('rejects garbage bytes and trailing bytes', () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(failure(garbage.buffer, 'fragment').code).toBe('fragment-corrupt');
    const whole = new Uint8Array(bytes('seg_001.m4s'));
    const padded = new Uint8Array(whole.byteLength + 3);
    padded.set(whole);
    expect(failure(padded.buffer, 'fragment').message).toMatch(/3 stray byte\(s\)/);
  });

  it('rejects the wrong kind: an init section where a fragment is due, and the reverse', () => {
    expect(failure(bytes('init.mp4'), 'fragment').message).toMatch(/no "moof" or "mdat" box in this fragment/);
    expect(failure(bytes('seg_001.m4s'), 'init').message).toMatch(/no "moov" box in this init section/);
  });
});

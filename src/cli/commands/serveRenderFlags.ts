import { InvalidArgumentError } from 'commander';
import type { Rendition } from '../../server/generate/hls/Rendition.js';
import { RENDITION_360P, RENDITION_720P } from '../../server/generate/hls/Rendition.js';

/** The renditions `--renditions` can name; frames are painted once at the largest and scaled. */
export const NAMED_RENDITIONS: Readonly<Record<string, Rendition>> = {
  '360p': RENDITION_360P,
  '720p': RENDITION_720P,
};

/**
 * Commander parser for `--renditions 360p,720p`: the ladder every generated segment is encoded
 * in (the master playlist lists them all; the player's ABR picks among them).
 *
 * @example
 * parseRenditions('360p,720p'); // [RENDITION_360P, RENDITION_720P]
 */
export function parseRenditions(value: string): Rendition[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`must name at least one of ${known()}`);
  const unknown = names.filter((name) => !Object.hasOwn(NAMED_RENDITIONS, name));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown rendition ${unknown.join(', ')}: use ${known()}`);
  if (new Set(names).size !== names.length) throw new InvalidArgumentError('names a rendition twice');
  return names.map((name) => NAMED_RENDITIONS[name] as Rendition);
}

/**
 * Commander parser for `--chromium-gpu-flags "--use-angle=gl --enable-gpu"`: replaces the flags
 * the browser path gives chromium to reach the GPU (for drivers the defaults do not suit).
 *
 * @example
 * parseFlagList('--enable-gpu  --use-angle=gl'); // ['--enable-gpu', '--use-angle=gl']
 */
export function parseFlagList(value: string): string[] {
  const flags = value.split(/\s+/).filter(Boolean);
  const bad = flags.find((flag) => !flag.startsWith('--'));
  if (bad) throw new InvalidArgumentError(`"${bad}" is not a chromium flag (they start with --)`);
  return flags;
}

/** Commander parser for a positive number (`--rate-limit`, `--max-token-lifetime`). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0');
  return n;
}

function known(): string {
  return Object.keys(NAMED_RENDITIONS).join(', ');
}

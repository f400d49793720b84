import { InvalidArgumentError } from 'commander';
import type { Generator } from '../../server/generate/Generator.js';
import type { Rendition } from '../../server/generate/hls/Rendition.js';
import type { H264Encoder } from '../../server/generate/hls/selectEncoder.js';
import { createHttpGenerator } from '../../server/generate/http/createHttpGenerator.js';

/** The generators `offshoot serve --generator` can run. */
export const GENERATOR_KINDS = ['procedural', 'http'] as const;
export type GeneratorKind = (typeof GENERATOR_KINDS)[number];

/** The `offshoot serve` options this file parses: which generator renders, and the per-viewer cap. */
export interface GeneratorCliOptions {
  generator: GeneratorKind;
  generatorUrl?: string;
  generatorVersion?: string;
  generatorId?: string;
  /** Seconds. */
  generatorTimeout?: number;
  generatorHeader?: Record<string, string>;
  maxWantsPerViewer?: number;
  /** Both generators: the H.264 encoder (default: probed) and the rendition ladder (default 360p). */
  encoder?: H264Encoder;
  renditions?: Rendition[];
}

/** A usage mistake in the generator flags: `offshoot serve` reports it and exits 2. */
export class GeneratorUsageError extends Error {
  override readonly name = 'GeneratorUsageError';
}

/**
 * The generator `offshoot serve` runs: the procedural one (`procedural()`, the default), or
 * the HTTP adapter for a model server. Refuses flag combinations that cannot be meant:
 * HTTP flags without `--generator http`, `--generator http` without its URL or version, a URL
 * that is not http(s).
 *
 * @example
 * const generator = generatorFromOptions(options, () => createProceduralGenerator());
 */
export function generatorFromOptions(options: GeneratorCliOptions, procedural: () => Generator): Generator {
  const httpFlags = [
    ['--generator-url', options.generatorUrl],
    ['--generator-version', options.generatorVersion],
    ['--generator-id', options.generatorId],
    ['--generator-timeout', options.generatorTimeout],
    ['--generator-header', options.generatorHeader],
  ] as const;
  if (options.generator !== 'http') {
    const given = httpFlags.filter(([, value]) => value !== undefined).map(([flag]) => flag);
    if (given.length > 0)
      throw new GeneratorUsageError(
        `${given.join(', ')} only ${given.length === 1 ? 'applies' : 'apply'} with --generator http (the generator is "${options.generator}")`,
      );
    return procedural();
  }
  if (!options.generatorUrl)
    throw new GeneratorUsageError(
      '--generator http needs --generator-url URL (the model server endpoint that answers a POSTed job with an MP4)',
    );
  let url: URL;
  try {
    url = new URL(options.generatorUrl);
  } catch {
    throw new GeneratorUsageError(`--generator-url "${options.generatorUrl}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new GeneratorUsageError(`--generator-url must be http:// or https://, got "${url.protocol}"`);
  if (!options.generatorVersion) {
    throw new GeneratorUsageError(
      '--generator http needs --generator-version V (part of every rendition key: change it when the model or its settings change, or old renders are served)',
    );
  }
  return createHttpGenerator({
    url: url.href,
    version: options.generatorVersion,
    id: options.generatorId,
    headers: options.generatorHeader,
    timeoutMs: options.generatorTimeout === undefined ? undefined : options.generatorTimeout * 1000,
    encoder: options.encoder,
    renditions: options.renditions,
  });
}

/** Commander parser for `--generator`. */
export function parseGeneratorKind(value: string): GeneratorKind {
  if ((GENERATOR_KINDS as readonly string[]).includes(value)) return value as GeneratorKind;
  throw new InvalidArgumentError(`must be one of ${GENERATOR_KINDS.join(', ')}`);
}

/** Commander parser for a repeatable `--generator-header "Name: value"`. */
export function collectHeader(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be "Name: value", e.g. "Authorization: Bearer abc"');
  const [, name, headerValue] = match as unknown as [string, string, string];
  if (/[\r\n\0]/.test(headerValue)) throw new InvalidArgumentError('must not contain line breaks');
  return { ...previous, [name]: headerValue.trim() };
}

/** Commander parser for `--generator-timeout` (seconds, above 0). */
export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number of seconds above 0');
  return n;
}

/** Commander parser for `--max-wants-per-viewer` (a whole number, at least 1). */
export function atLeastOne(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

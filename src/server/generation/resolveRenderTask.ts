import type { StateValue, Story } from '../../core/index.js';
import type { Generator } from '../generate/Generator.js';
import { relevantState, resolveSpec } from '../generate/resolveSpec.js';
import type { RenderTask } from '../queue/JobQueue.js';
import { renditionKey } from '../store/renditionKey.js';

export interface ResolveOptions {
  generator: Pick<Generator, 'id' | 'version'>;
  segmentSeconds: number;
}

/**
 * Turns a story's `generate` segment and the viewer's state on arrival into the render task
 * and its content key. Only the variables the segment uses (relevantState: `uses`, else its
 * `{var}` placeholders) shape it, so viewers whose unrelated choices differ share a
 * rendition. A spec without a seed gets one derived from story and segment ids, so two
 * segments with the same prompt still look different, yet stay deterministic.
 *
 * @example
 * resolveRenderTask(story, 'forest', { colour: 'red' }, { generator, segmentSeconds: 1 }).key;
 */
export function resolveRenderTask(
  story: Story,
  segmentId: string,
  vars: Record<string, StateValue>,
  options: ResolveOptions,
): RenderTask {
  const segment = story.segments[segmentId];
  const spec = segment?.generate;
  if (!segment || !spec) throw new Error(`Segment "${segmentId}" of story "${story.id}" has no generate spec`);
  const state = relevantState(spec, vars);
  const seed = spec.seed ?? deriveSeed(`${story.id}/${segmentId}`);
  const resolved = { ...resolveSpec(spec, state), seed };
  const durationSeconds = segment.duration;
  const key = renditionKey({
    generatorId: options.generator.id,
    generatorVersion: options.generator.version,
    spec: resolved,
    seed,
    state,
    durationSeconds,
    segmentSeconds: options.segmentSeconds,
  });
  return { key, spec: resolved, state, durationSeconds, segmentSeconds: options.segmentSeconds };
}

/** FNV-1a, 32 bits: a stable seed from a name. */
function deriveSeed(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

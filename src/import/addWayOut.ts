import type { Segment } from '../core/story/Story.js';
import { generatedSegment } from '../core/ink/generatedSegment.js';
import type { ImportWarning } from './ImportReport.js';

/**
 * Makes sure every segment can reach an ending, as the validator requires (`trap`, `no-ending`).
 * A story-format macro the importer could not carry over (a `(goto:)` under a random condition,
 * an ink path cut by the exploration bound) can leave a loop with no way out; each segment that
 * cannot reach an ending gets an extra option "End here" to a shared ending segment whose id
 * `endIdOf` gives (called only when one is needed).
 * Returns how many options it added (0 when the story was fine).
 *
 * @example
 * addWayOut(story.segments, () => 'The-End', warnings);
 */
export function addWayOut(segments: Record<string, Segment>, endIdOf: () => string, warnings: ImportWarning[]): number {
  const canEnd = new Set(Object.keys(segments).filter((id) => segments[id]!.end));
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, segment] of Object.entries(segments)) {
      if (canEnd.has(id)) continue;
      if (nextOf(segment).some((next) => canEnd.has(next))) {
        canEnd.add(id);
        grew = true;
      }
    }
  }
  const trapped = Object.keys(segments).filter((id) => !canEnd.has(id));
  if (trapped.length === 0) return 0;
  // Only now: asking an id allocator for the ending's id would otherwise report a rename of a passage that does not exist.
  const endId = endIdOf();
  segments[endId] = generatedSegment(endId, 'The story stops here.', []);
  for (const id of trapped) {
    const segment = segments[id]!;
    const option = { id: 'end-here', label: 'End here', next: endId };
    if (segment.choice) {
      const taken = new Set(segment.choice.options.map((o) => o.id));
      for (let n = 2; taken.has(option.id); n++) option.id = `end-here-${n}`;
      segment.choice.options.push(option);
    } else {
      delete segment.next;
      segment.choice = {
        prompt: 'What next?',
        at: Math.floor(segment.duration / 2),
        default: option.id,
        options: [option],
      };
    }
    warnings.push({
      code: 'trap',
      passage: id,
      message: `segment ${id} could not reach an ending (its way out was not carried over): added option "End here" to \`${endId}\``,
    });
  }
  return trapped.length;
}

function nextOf(segment: Segment): string[] {
  if (segment.choice) return segment.choice.options.map((o) => o.next);
  if (typeof segment.next === 'string') return [segment.next];
  return (segment.next ?? []).map((r) => r.to);
}

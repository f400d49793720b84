import type { ChoiceOption, Segment } from '../story/Story.js';
import { generatedSegment } from './generatedSegment.js';
import type { InkWaitingPoint } from './waitForReader.js';

/**
 * The segment for one of ink's waiting points. By default it is a `generate` segment whose
 * prompt is what ink printed (see generatedSegment); `#key: value` tags on its lines change that:
 *
 * | tag | effect |
 * |---|---|
 * | `# media: clips/hall/index.m3u8` | plays that HLS media (relative to the story file) instead of generating |
 * | `# prompt: A dark hall, rain` | the generation prompt instead of ink's text |
 * | `# style: noir` | `generate.style` |
 * | `# duration: 6` | seconds (the choice still opens halfway) |
 *
 * Other tags are kept in `"x-ink".tags`. A waiting point with no choices is an ending; one
 * where ink raised an error ends there too, with the error in `"x-ink".error`.
 *
 * @example
 * inkSegment('hut_14-0k3h1x9c2ab', point, [{ id: 'Go', label: 'Go', next: 'yard-0a1b2c3d4e5' }]);
 */
export function inkSegment(id: string, point: InkWaitingPoint, options: ChoiceOption[]): Segment {
  const directives = new Map<string, string>();
  for (const tag of point.tags) {
    const m = /^\s*(media|prompt|style|duration)\s*:\s*(.+?)\s*$/i.exec(tag);
    if (m) directives.set(m[1]!.toLowerCase(), m[2]!);
  }
  const segment = generatedSegment(id, directives.get('prompt') ?? point.text, options);
  const duration = Number(directives.get('duration'));
  if (Number.isFinite(duration) && duration > 0) {
    segment.duration = duration;
    if (segment.choice) segment.choice.at = Math.floor((duration / 2) * 10) / 10;
  }
  const style = directives.get('style');
  if (style && segment.generate) segment.generate.style = style;
  const media = directives.get('media');
  if (media) {
    delete segment.generate;
    segment.media = media;
  }
  return Object.assign(segment, {
    'x-ink': {
      path: point.place,
      text: point.text,
      ...(point.tags.length ? { tags: point.tags } : {}),
      ...(point.errors.length ? { error: point.errors.join('; ') } : {}),
    },
  });
}

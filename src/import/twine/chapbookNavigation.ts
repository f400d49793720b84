import type { TwineLink } from './findTwineLinks.js';

/**
 * Chapbook's `{back link}` and `{restart link}` as links: back leads to the passage the reader
 * came from, which a static story can only offer as one option per passage that links here
 * (`predecessors`; labelled "Back to …" when there are several); restart leads to the start.
 * A passage with such a link is not an ending.
 *
 * @example
 * chapbookNavigation('{back link}', ['Hall'], 'Start'); // [{ label: 'Back', target: 'Hall', macro: '{back link}', … }]
 */
export function chapbookNavigation(text: string, predecessors: string[], start: string): TwineLink[] {
  const links: TwineLink[] = [];
  // `{back link}`, `{back link, label: 'Go'}` (and the older `{back link: 'Go'}`).
  for (const m of text.matchAll(/\{(back|restart) link(?:\s*[,:]\s*(?:label\s*:\s*)?(?:"([^"]*)"|'([^']*)'))?\s*\}/g)) {
    const label = m[2] ?? m[3];
    if (m[1] === 'restart') {
      links.push({ label: label ?? 'Restart', target: start, offset: m.index, macro: '{restart link}' });
      continue;
    }
    for (const target of predecessors)
      links.push({
        label: predecessors.length > 1 ? `${label ?? 'Back'} to ${target}` : (label ?? 'Back'),
        target,
        offset: m.index,
        macro: '{back link}',
      });
  }
  return links;
}

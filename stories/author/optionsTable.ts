import { defaultOption } from '../../src/core/rules/defaultOption.js';
import type { Position } from '../../src/core/rules/Position.js';
import { visibleOptions } from '../../src/core/rules/visibleOptions.js';
import type { Story } from '../../src/core/story/Story.js';
import { h } from './h.js';

/**
 * Every option of a choice with whether it shows in `position` (the core's own rules), its
 * condition, its target and which one the timer takes: what the state controls change.
 *
 * @example
 * root.append(optionsTable(story, { segmentId: 'forest', vars: { lantern: false }, visits: { forest: 1 } }));
 */
export function optionsTable(story: Story, position: Position): HTMLElement {
  const choice = story.segments[position.segmentId]?.choice;
  const table = h('table', { class: 'osb-options' });
  if (!choice) return table;
  const visible = new Set(visibleOptions(story, position).map((o) => o.id));
  const taken = defaultOption(story, position).id;
  table.append(
    h('caption', {
      text: `“${choice.prompt}” opens at ${choice.at} s; the timer takes an option at ${choice.until ?? story.segments[position.segmentId]!.duration} s`,
    }),
  );
  table.append(h('tr', {}, ...['option', 'label', 'shown', 'if', 'leads to', 'sets'].map((t) => h('th', { text: t }))));
  for (const option of choice.options) {
    const shown = visible.has(option.id);
    const sets = Object.entries(option.set ?? {})
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ');
    table.append(
      h(
        'tr',
        {
          class: shown ? 'osb-shown' : 'osb-hidden',
          attrs: { 'data-offshoot-option': option.id, 'data-shown': String(shown) },
        },
        h('td', { text: option.id + (option.id === taken ? ' (timer)' : '') }),
        h('td', { text: option.label }),
        h('td', { text: shown ? 'yes' : 'no' }),
        h('td', { text: option.if ?? '' }),
        h('td', { text: option.next }),
        h('td', { text: sets }),
      ),
    );
  }
  return table;
}

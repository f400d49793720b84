import type { StateValue } from '../../src/core/story/Story.js';
import { drawGraph } from '../graph/drawGraph.js';
import { graphOf } from './graphOf.js';
import { h } from './h.js';
import { issuesPanel } from './issuesPanel.js';
import type { AuthorStory } from './loadAuthorStory.js';
import { mountPlayer } from './mountPlayer.js';

/**
 * The whole-story player, started at any segment (at its choice, if asked) with any state,
 * beside the story graph on which the playthrough is drawn as it plays.
 *
 * @example
 * const stop = renderWholeStory(root, loaded, 'forest', true, { lantern: true });
 */
export function renderWholeStory(
  root: HTMLElement,
  loaded: AuthorStory,
  segment: string,
  atChoice: boolean,
  variables: Record<string, StateValue>,
): () => void {
  const { story, report } = loaded;
  if (!story) {
    root.append(issuesPanel(`${loaded.source.file} has errors; fix them to play it`, report.errors));
    return () => undefined;
  }
  const side = h('div', { class: 'osb-side' });
  const main = h('div', { class: 'osb-main' });
  root.append(h('div', { class: 'osb-split' }, main, side));
  const graph = drawGraph(side, graphOf(loaded));
  const log = h('ol', { class: 'osb-log', attrs: { 'aria-label': 'Playthrough' } });
  side.append(log);
  const note = (text: string): void => {
    log.append(h('li', { text }));
  };
  const at = Object.hasOwn(story.segments, segment) ? segment : story.start;
  const mounted = mountPlayer(
    main,
    loaded,
    story,
    { segment: at, variables, atChoice: atChoice && !!story.segments[at]?.choice },
    {
      segmentstart: (e) => {
        graph.enter(e.segmentId);
        note(`▶ ${e.segmentId}`);
      },
      choice: (e) => {
        graph.choose(e.segmentId, e.optionId);
        note(`  ✓ ${e.optionId}${e.byDefault ? ' (timer)' : ''}`);
      },
      ended: (e) => note(`■ ended in ${e.segmentId}`),
      error: (e) => note(`⚠ ${e.code}: ${e.message}`),
    },
  );
  return () => {
    mounted.destroy();
    graph.destroy();
  };
}

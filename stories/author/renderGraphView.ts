import { drawGraph } from '../graph/drawGraph.js';
import { graphOf } from './graphOf.js';
import { h } from './h.js';
import { issuesPanel } from './issuesPanel.js';
import type { AuthorStory } from './loadAuthorStory.js';

/**
 * The graph story: the whole story graph (pan with drag, zoom with the wheel), a legend, and
 * the validator's issues that belong to no single segment.
 *
 * @example
 * const stop = renderGraphView(root, loaded);
 */
export function renderGraphView(root: HTMLElement, loaded: AuthorStory): () => void {
  const graph = graphOf(loaded);
  const { errors, warnings } = loaded.report;
  const summary = `${graph.nodes.length} segments, ${graph.edges.length} links · ${errors.length} errors, ${warnings.length} warnings (hover a node for its issues)`;
  root.append(h('p', { class: 'osb-facts', text: summary }));
  root.append(
    h('p', {
      class: 'osb-legend',
      text: 'Blue border: start · green fill: ending · dashed border: generated · grey: unreachable · orange: trap · red: has errors (or not a segment) · dashed edge: route · thick edge: the timer’s option',
    }),
  );
  const frame = h('div', { class: 'osb-graph-frame' });
  root.append(frame);
  const drawn = drawGraph(frame, graph);
  if (graph.storyIssues.length)
    root.append(
      issuesPanel(
        'Issues about the whole story',
        graph.storyIssues.filter((i) => !warningCode(i.code)),
        graph.storyIssues.filter((i) => warningCode(i.code)),
      ),
    );
  return () => drawn.destroy();
}

const warningCode = (code: string): boolean => code === 'unreachable' || code === 'hidden-default';

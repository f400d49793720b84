import { storyGraph } from '../graph/storyGraph.js';
import type { StoryGraph } from '../graph/storyGraph.js';
import type { AuthorStory } from './loadAuthorStory.js';

const graphs = new WeakMap<AuthorStory, StoryGraph>();

/**
 * The story's graph, built once per loaded story (its layout is then reused too).
 *
 * @example
 * drawGraph(container, graphOf(loaded));
 */
export function graphOf(loaded: AuthorStory): StoryGraph {
  let graph = graphs.get(loaded);
  if (!graph) {
    graph = storyGraph(loaded.raw, loaded.report);
    graphs.set(loaded, graph);
  }
  return graph;
}

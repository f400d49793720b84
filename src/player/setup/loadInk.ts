import type { LoadedStory } from './loadStory.js';
import { PlayerError } from './PlayerError.js';

/**
 * For a story whose `ink` names compiled ink: fetches it (relative to the story's base URL) and
 * hands back the ink-driven story (createInkStory), so the machine, lookahead and prefetch read
 * ink's own segments. Any other story is returned as it is. A failed fetch or ink that inkjs
 * cannot load is a `story-load-failed` PlayerError naming the file. inkjs is imported only here,
 * on demand: it is a third of the entry bundle, and stories without ink never need it.
 *
 * @example
 * const loaded = await loadStory('/stories/intercept.json').then((l) => loadInk(l));
 */
export async function loadInk(loaded: LoadedStory, signal?: AbortSignal): Promise<LoadedStory> {
  const { story, baseUrl } = loaded;
  if (story.ink === undefined) return loaded;
  const url = new URL(story.ink, baseUrl).href;
  try {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    const [{ storyForMachine }, text] = await Promise.all([import('../../core/ink/storyForMachine.js'), res.text()]);
    return { ...loaded, story: storyForMachine(story, text) };
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new PlayerError(
      'story-load-failed',
      `Could not load the ink of story "${story.id}" from ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

import type { StateValue } from '../../src/core/story/Story.js';
import { issuesPanel } from './issuesPanel.js';
import type { AuthorStory } from './loadAuthorStory.js';
import { mountPlayer } from './mountPlayer.js';
import type { MountedPlayer } from './mountPlayer.js';
import { optionsTable } from './optionsTable.js';

/**
 * The choice-point story: the player opened at the choice (playback from the choice's `at`)
 * with the controls' variables, and a table of every option and whether it shows.
 *
 * @example
 * const mounted = renderChoice(root, loaded, 'forest', { lantern: false });
 */
export function renderChoice(
  root: HTMLElement,
  loaded: AuthorStory,
  segmentId: string,
  variables: Record<string, StateValue>,
): MountedPlayer | null {
  const { story, report } = loaded;
  if (!story) {
    root.append(issuesPanel(`${loaded.source.file} has errors; fix them to try its choices`, report.errors));
    return null;
  }
  const vars = { ...story.state, ...variables };
  root.append(optionsTable(story, { segmentId, vars, visits: { [segmentId]: 1 } }));
  return mountPlayer(root, loaded, story, { segment: segmentId, variables, atChoice: true });
}

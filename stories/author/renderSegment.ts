import { h } from './h.js';
import { issuesPanel } from './issuesPanel.js';
import type { AuthorStory } from './loadAuthorStory.js';
import { mountPlayer } from './mountPlayer.js';
import type { MountedPlayer } from './mountPlayer.js';
import { segmentOnly } from './segmentOnly.js';
import type { StateValue } from '../../src/core/story/Story.js';

/**
 * The segment story: that segment alone (no choice, no continuation), with the variables
 * the controls set (they matter to a generated segment's prompt).
 *
 * @example
 * const mounted = renderSegment(root, loaded, 'forest', { lantern: true });
 */
export function renderSegment(
  root: HTMLElement,
  loaded: AuthorStory,
  segmentId: string,
  variables: Record<string, StateValue>,
): MountedPlayer | null {
  const { story, report } = loaded;
  if (!story) {
    root.append(issuesPanel(`${loaded.source.file} has errors; fix them to play its segments`, report.errors));
    return null;
  }
  const segment = story.segments[segmentId]!;
  const facts = [
    `${segment.duration} s`,
    segment.media ? `media ${segment.media}` : 'generated',
    segment.choice ? `its choice ("${segment.choice.prompt}") is in the Choice points stories` : '',
    segment.end ? 'an ending' : '',
  ];
  root.append(
    h('p', {
      class: 'osb-facts',
      text: `Segment ${segmentId}: ${facts.filter(Boolean).join(' · ')}. Plays just this segment.`,
    }),
  );
  return mountPlayer(root, loaded, segmentOnly(story, segmentId), { segment: segmentId, variables });
}

import { createPlayer } from '../../src/player/createPlayer.js';
import type { Player } from '../../src/player/setup/Player.js';
import type { PlayerOptions } from '../../src/player/setup/PlayerOptions.js';
import type { PlayerStart } from '../../src/player/setup/PlayerStart.js';
import type { Story } from '../../src/core/story/Story.js';
import { h } from './h.js';
import { messageBox } from './issuesPanel.js';
import type { AuthorStory } from './loadAuthorStory.js';
import { storyBaseUrl } from './loadAuthorStory.js';

export interface MountedPlayer {
  /** Resolves with the player once created (null when a message is shown instead). */
  ready: Promise<Player | null>;
  destroy(): void;
}

export const NO_BACKEND = 'No generation backend configured';

/**
 * A muted, autoplaying player for `story` in `container`, with the backend from
 * OFFSHOOT_BACKEND when the story generates segments. Starting in a `generate` segment with
 * no backend shows a message instead of a player; other generated segments get a notice.
 *
 * @example
 * const mounted = mountPlayer(root, loaded, loaded.story!, { segment: 'forest', atChoice: true });
 * mounted.destroy();
 */
export function mountPlayer(
  container: HTMLElement,
  loaded: AuthorStory,
  story: Story,
  start: PlayerStart,
  on: PlayerOptions['on'] = {},
): MountedPlayer {
  const backend = loaded.source.backend;
  const generated = Object.entries(story.segments)
    .filter(([, s]) => s.generate)
    .map(([id]) => id);
  const hint =
    'Start Storybook with OFFSHOOT_BACKEND=<generation API URL> (and OFFSHOOT_BACKEND_TOKEN=<token>), e.g. from `offshoot serve`.';
  if (!backend && story.segments[start.segment]?.generate) {
    container.append(
      messageBox(
        NO_BACKEND,
        `Segment "${start.segment}" is generated on demand (it has \`generate\`, no \`media\`), so it needs a generation backend to play.`,
        hint,
      ),
    );
    return { ready: Promise.resolve(null), destroy: () => undefined };
  }
  if (!backend && generated.length) {
    container.append(
      messageBox(
        NO_BACKEND,
        `These segments are generated and cannot play here: ${generated.join(', ')}. The player will report them when it reaches them.`,
        hint,
      ),
    );
  }
  const stage = h('div', { class: 'osb-stage' });
  container.append(stage);
  let destroyed = false;
  const { played, from } = inkOrPreview(story, start);
  const ready = createPlayer(stage, {
    story: played,
    baseUrl: storyBaseUrl(loaded.source),
    ...(from ? { start: from } : {}),
    autoplay: true,
    muted: true,
    on,
    ...(backend
      ? { generation: { baseUrl: backend.baseUrl, ...(backend.token ? { token: backend.token } : {}) } }
      : {}),
  }).then((player) => {
    // Storybook may have moved on to another story while the player was starting.
    if (destroyed) {
      player.destroy();
      return null;
    }
    return player;
  });
  return {
    ready,
    destroy() {
      destroyed = true;
      void ready.then((p) => p?.destroy());
    },
  };
}

/**
 * A story whose `ink` names compiled ink: the whole story from its start is played by inkjs (no
 * `start`: ink begins where ink begins, and its segments exist only once reached); a story that
 * starts anywhere else (a segment, a choice point, set variables) plays the file's static preview,
 * whose segment ids the controls name.
 */
function inkOrPreview(story: Story, start: PlayerStart): { played: Story; from?: PlayerStart } {
  if (story.ink === undefined) return { played: story, from: start };
  const fromTheStart =
    start.segment === story.start && !start.atChoice && Object.keys(start.variables ?? {}).length === 0;
  if (fromTheStart) return { played: story };
  const { ink: _ink, ...preview } = story;
  return { played: preview, from: start };
}

import type { AuthorSource } from './AuthorSource.js';
import { authorStyles } from './authorStyles.js';
import { h } from './h.js';
import { loadAuthorStory } from './loadAuthorStory.js';
import { renderChoice } from './renderChoice.js';
import { renderGraphView } from './renderGraphView.js';
import { renderSegment } from './renderSegment.js';
import { renderWholeStory } from './renderWholeStory.js';
import type { EntryKind } from './storyEntries.js';
import { pickVariables, variableArgs } from './variableArgs.js';

type Args = Record<string, unknown>;

// One story is on the canvas at a time; whatever it started (a player, a graph) is undone
// before the next one renders, and by Storybook's cleanup (meta.beforeEach).
let unmount: (() => void) | null = null;
function cleanUp(): void {
  const stop = unmount;
  unmount = null;
  stop?.();
}

/**
 * The CSF default export of a generated group file.
 *
 * @example
 * export default authorMeta(source, 'choices', 'A Night Walk/Choice points');
 */
export function authorMeta(source: AuthorSource, kind: EntryKind, title: string) {
  return {
    title,
    tags: ['offshoot', kind],
    // No "save story" from controls: the stories are generated, there is no CSF file to write to.
    parameters: {
      layout: kind === 'graph' || kind === 'player' ? 'fullscreen' : 'padded',
      controls: { disableSaveFromUI: true },
      offshootStory: source.file,
    },
    beforeEach: () => cleanUp,
  };
}

/**
 * One generated story: a segment, a choice point, the whole-story player or the graph.
 * State controls are Storybook args, one per story variable with its type.
 *
 * @example
 * export const C3_forest = authorStory(source, 'choices', 'forest', 'forest');
 */
export function authorStory(source: AuthorSource, kind: EntryKind, segmentId: string | null, name: string) {
  const loaded = loadAuthorStory(source);
  const vars = variableArgs(loaded.raw);
  const segments = loaded.story ? Object.keys(loaded.story.segments) : [];
  const extra =
    kind === 'player'
      ? {
          args: { _segment: loaded.story?.start ?? '', _atChoice: false },
          argTypes: {
            _segment: {
              name: 'start segment',
              control: { type: 'select' },
              options: segments,
              type: { name: 'string' },
              table: { category: 'start' },
            },
            _atChoice: {
              name: 'open its choice',
              control: { type: 'boolean' },
              type: { name: 'boolean' },
              table: { category: 'start' },
            },
          },
        }
      : { args: {}, argTypes: {} };
  const declared = loaded.story?.state ?? vars.args;
  return {
    name,
    args: kind === 'graph' ? {} : { ...extra.args, ...vars.args },
    argTypes: kind === 'graph' ? {} : { ...extra.argTypes, ...vars.argTypes },
    parameters: kind === 'graph' ? { controls: { disable: true, disableSaveFromUI: true } } : {},
    render: (args: Args) => {
      cleanUp();
      const root = h('div', {
        class: `osb-root osb-kind-${kind}`,
        attrs: { 'data-offshoot-story': kind, ...(segmentId ? { 'data-segment': segmentId } : {}) },
      });
      root.append(authorStyles());
      const variables = pickVariables(args, declared);
      if (kind === 'segments' && segmentId) {
        const mounted = renderSegment(root, loaded, segmentId, variables);
        unmount = () => mounted?.destroy();
      } else if (kind === 'choices' && segmentId) {
        const mounted = renderChoice(root, loaded, segmentId, variables);
        unmount = () => mounted?.destroy();
      } else if (kind === 'player') {
        unmount = renderWholeStory(
          root,
          loaded,
          String(args._segment ?? ''),
          args._atChoice === true || args._atChoice === 'true',
          variables,
        );
      } else {
        unmount = renderGraphView(root, loaded);
      }
      return root;
    },
  };
}

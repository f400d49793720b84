import type { Indexer } from 'storybook/internal/types';
import { entryKindOf, groupTitle, storyEntries } from '../stories/author/storyEntries.js';
import { parseLoose } from './parseLoose.js';
import type { StoryFileConfig } from './storyFile.js';

/**
 * Indexes the placeholder files `stories/<group>.offshoot.js` from the author's story file:
 * one entry per segment, per choice point, the whole-story player and the graph.
 *
 * @example
 * experimental_indexers: (existing) => [offshootIndexer(storyFileConfig()), ...(existing ?? [])]
 */
export function offshootIndexer(config: StoryFileConfig): Indexer {
  return {
    test: /\.offshoot\.js$/,
    createIndex: async (fileName, { makeTitle }) => {
      const kind = entryKindOf(fileName);
      if (!kind) return [];
      const raw = parseLoose(config.text);
      const title = makeTitle(groupTitle(raw, kind));
      return storyEntries(kind, raw).map((entry) => ({
        type: 'story' as const,
        importPath: fileName,
        exportName: entry.exportName,
        name: entry.name,
        title,
        tags: ['offshoot', kind],
      }));
    },
  };
}

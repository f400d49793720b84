import type { Story } from '../core/story/Story.js';

/**
 * What an importer could not carry over, or carried over differently, and where. Importers
 * never drop a story-format feature silently: each one becomes an entry here.
 */
export interface ImportWarning {
  /** Stable kind of the warning, e.g. `macro`, `variable`, `rename`, `broken-link`, `truncated`. */
  code: ImportWarningCode;
  message: string;
  /** Twine passage name or ink path the warning is about. */
  passage?: string;
  /** 1-based line in the source file (Twee, published HTML or .ink source), when known. */
  line?: number;
}

export type ImportWarningCode =
  | 'macro'
  | 'mapped'
  | 'variable'
  | 'markup'
  | 'script'
  | 'stylesheet'
  | 'tag'
  | 'special-passage'
  | 'rename'
  | 'broken-link'
  | 'variable-link'
  | 'start'
  | 'parser'
  | 'truncated'
  | 'merged'
  | 'ink-runtime'
  | 'ink-list'
  | 'trap';

/** Counts that say how much of the source made it into the story. */
export interface ImportStats {
  /** Twine passages, or ink choice points reached. */
  sourceNodes: number;
  /** Twine links, or ink choices offered. */
  sourceLinks: number;
  segments: number;
  options: number;
  endings: number;
  variables: number;
}

/** The result of an import: the story (not yet validated) and what was lost on the way. */
export interface ImportResult {
  story: Story;
  warnings: ImportWarning[];
  stats: ImportStats;
}

/** The error an importer throws for input it cannot read at all (not Twine, not ink, bad JSON). */
export class ImportError extends Error {
  /** 1-based line of the problem in the source, when known. */
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ImportError';
    this.line = line;
  }
}

import type { Story } from '../../src/core/story/Story.js';
import { validateStory } from '../../src/core/validate/validateStory.js';
import type { ValidationReport } from '../../src/core/validate/ValidationReport.js';
import type { AuthorSource } from './AuthorSource.js';

/** The author's story as every generated story sees it. */
export interface AuthorStory {
  source: AuthorSource;
  /** The parsed file, even when invalid (undefined when it is not JSON). */
  raw: unknown;
  report: ValidationReport;
  /** Present when the story is valid. */
  story?: Story;
}

const cache = new Map<string, AuthorStory>();

/**
 * Validates the inlined story file once per text (every story of the file shares it).
 *
 * @example
 * const { story, report } = loadAuthorStory(source);
 */
export function loadAuthorStory(source: AuthorSource): AuthorStory {
  const hit = cache.get(source.text);
  if (hit) return hit;
  let raw: unknown;
  try {
    raw = JSON.parse(source.text) as unknown;
  } catch {
    raw = undefined;
  }
  const report = validateStory(source.text, { file: source.file });
  const loaded: AuthorStory = { source, raw, report, ...(report.story ? { story: report.story } : {}) };
  cache.set(source.text, loaded);
  return loaded;
}

/**
 * The URL the story's media resolve against: the story file as served beside iframe.html.
 *
 * @example
 * storyBaseUrl(source); // 'http://localhost:6006/offshoot-story/night-walk.json'
 */
export function storyBaseUrl(source: AuthorSource): string {
  return new URL(`${source.storyDir}/${encodeURIComponent(source.file)}`, document.baseURI).href;
}

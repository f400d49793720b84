import type { Story } from '../../core/story/Story.js';
import { formatIssue } from '../../core/validate/formatIssue.js';
import { validateStory } from '../../core/validate/validateStory.js';
import { PlayerError } from './PlayerError.js';

export interface LoadedStory {
  story: Story;
  /** What segment media URLs resolve against. */
  baseUrl: string;
}

const MAX_LISTED = 5;

/**
 * Fetch (for a URL) and validate a story. Failures become a PlayerError whose message
 * names the file, line and what is wrong, ready to show to an author.
 *
 * @example
 * const { story, baseUrl } = await loadStory('/stories/night-walk.json');
 */
export async function loadStory(
  input: string | URL | object,
  baseUrl?: string | URL,
  signal?: AbortSignal,
): Promise<LoadedStory> {
  const pageBase = globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://localhost/';
  if (typeof input === 'string' || input instanceof URL) {
    const url = new URL(String(input), pageBase).href;
    let text: string;
    let documentUrl: string;
    try {
      const res = await fetch(url, { signal });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      text = await res.text();
      documentUrl = documentUrlOf(res, url);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new PlayerError(
        'story-load-failed',
        `Could not load the story ${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { story: check(text, fileName(url)), baseUrl: new URL(String(baseUrl ?? documentUrl), pageBase).href };
  }
  return { story: check(input, 'story'), baseUrl: new URL(String(baseUrl ?? pageBase), pageBase).href };
}

function check(input: unknown, file: string): Story {
  const report = validateStory(input, { file });
  if (report.valid && report.story) return report.story;
  const lines = report.errors.slice(0, MAX_LISTED).map(formatIssue);
  const more = report.errors.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more`);
  throw new PlayerError('story-invalid', `This story has errors:\n${lines.join('\n')}`);
}

/**
 * Where the story document is, for its relative media URLs: the response's Content-Location
 * (resolved against the response URL, as HTTP says), else the URL after redirects. The
 * backend's GET /api/v1/stories/:id answers with Content-Location …/:id/story.json.
 */
function documentUrlOf(res: Response, requested: string): string {
  const responseUrl = res.url || requested;
  const location = res.headers.get('Content-Location');
  if (!location) return responseUrl;
  try {
    return new URL(location, responseUrl).href;
  } catch {
    return responseUrl;
  }
}

function fileName(url: string): string {
  return new URL(url).pathname.split('/').pop() || url;
}

import { readFile } from 'node:fs/promises';
import type { Story } from '../../core/story/Story.js';
import { TextLocator } from '../../core/validate/TextLocator.js';
import type { CliIO } from '../CliIO.js';
import { progressLine } from '../progressLine.js';
import { checkStoryMedia } from './checkStoryMedia.js';
import type { MediaIssue } from './MediaIssue.js';
import { mediaReader } from './MediaReader.js';

/** The media check's result, split by severity (errors fail the command). */
export interface MediaReport {
  /** Segments with static media that were checked. */
  checked: number;
  errors: MediaIssue[];
  warnings: MediaIssue[];
  notes: MediaIssue[];
}

/**
 * The media check as the commands run it: every segment of the (valid) story `file`, media
 * found beside it or in `mounts`, progress on a terminal's stderr, each issue placed at its
 * segment's `media` line in the file. `baseUrl`: see mediaReader.
 *
 * @example
 * const report = await checkStoryFileMedia('story.json', story, io, { media: 'test/media' });
 * if (report.errors.length > 0) io.exitCode = EXIT_INVALID;
 */
export async function checkStoryFileMedia(
  file: string,
  story: Story,
  io: CliIO,
  mounts: Record<string, string> = {},
  /** The URL media values resolve against instead of the file (`--base-url`), as the player's. */
  baseUrl?: string,
): Promise<MediaReport> {
  const progress = progressLine(io);
  const issues = await checkStoryMedia(story, mediaReader(file, mounts, baseUrl), {
    onProgress: (done, total, segment) => progress.say(`checking media: ${done}/${total} segments (${segment})`),
  });
  progress.done();
  const locator = new TextLocator(await readFile(file, 'utf8'));
  for (const issue of issues) Object.assign(issue, locator.find(issue.path));
  return {
    checked: Object.values(story.segments).filter((s) => s.media !== undefined).length,
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity === 'warning'),
    notes: issues.filter((i) => i.severity === 'note'),
  };
}

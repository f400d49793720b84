import { pointer } from '../../core/validate/pointer.js';
import type { Story } from '../../core/story/Story.js';
import { checkSegmentMedia } from './checkSegmentMedia.js';
import type { SegmentMediaReport } from './checkSegmentMedia.js';
import { severityOf } from './MediaIssue.js';
import type { MediaIssue } from './MediaIssue.js';
import type { MediaReader } from './MediaReader.js';

export interface StoryMediaOptions {
  /** Called after each segment: segments checked so far, of `total`. */
  onProgress?: (done: number, total: number, segment: string) => void;
  /** Segments checked at once (HTTP media benefits; local files barely). Default 4. */
  concurrency?: number;
}

/**
 * Check the static media of every segment of a story as the player will meet it
 * (checkSegmentMedia), plus what only the whole story shows: MPEG-TS and fMP4 segments in one
 * story (the player refuses the second kind on a path's timeline). Generated segments are
 * skipped with a note. Issues come in story order, without line numbers (the caller places
 * `path` in the file).
 *
 * @example
 * const issues = await checkStoryMedia(story, mediaReader('story.json'));
 * const errors = issues.filter((i) => i.severity === 'error');
 */
export async function checkStoryMedia(
  story: Story,
  reader: MediaReader,
  options: StoryMediaOptions = {},
): Promise<MediaIssue[]> {
  const ids = Object.keys(story.segments);
  const reports = new Map<string, SegmentMediaReport & { url: string }>();
  const queue = [...ids];
  let done = 0;
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const media = story.segments[id]!.media;
      if (media !== undefined) {
        const url = reader.resolve(media);
        reports.set(id, { ...(await checkSegmentMedia(url, reader)), url: url.href });
      }
      options.onProgress?.(++done, ids.length, id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, ids.length) }, worker));

  const issues: MediaIssue[] = [];
  const containers = [...reports.values()].map((r) => r.container).filter((c) => c !== undefined);
  const ts = containers.filter((c) => c === 'MPEG-TS').length;
  // The player refuses whichever kind comes second; the fewer segments to repackage, the better.
  const odd = ts > 0 && ts < containers.length ? (ts <= containers.length - ts ? 'MPEG-TS' : 'fMP4') : undefined;
  const other = [...reports].find(([, r]) => r.container && r.container !== odd)?.[0];
  for (const id of ids) {
    const report = reports.get(id);
    if (!report) {
      issues.push({
        code: 'generated',
        severity: 'note',
        segment: id,
        path: pointer('segments', id, 'generate'),
        url: '',
        message: 'generated on demand: no static media to check (offshoot test-paths plays it)',
      });
      continue;
    }
    const path = pointer('segments', id, 'media');
    for (const f of report.findings) issues.push({ ...f, severity: severityOf(f.code), segment: id, path });
    if (odd && report.container === odd)
      issues.push({
        code: 'media-incompatible',
        severity: 'error',
        segment: id,
        path,
        url: report.url,
        message:
          `${odd} segment in a story whose other segments (e.g. "${other}") are ${odd === 'fMP4' ? 'MPEG-TS' : 'fMP4'}: ` +
          `the player cannot change SourceBuffer layout mid-stream and refuses it; package every segment the same way`,
      });
  }
  return issues;
}

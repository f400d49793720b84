import { Command } from 'commander';
import { absoluteUrl } from '../absoluteUrl.js';
import type { CliIO } from '../CliIO.js';
import { EXIT_INVALID, EXIT_OK } from '../CliIO.js';
import { collectMount } from '../collectMount.js';
import { formatIssueLine } from '../formatIssueLine.js';
import { checkStoryFileMedia } from '../media/checkStoryFileMedia.js';
import type { MediaReport } from '../media/checkStoryFileMedia.js';
import { formatMediaIssue } from '../media/formatMediaIssue.js';
import { readStory } from '../readStory.js';

interface ValidateOptions {
  json?: boolean;
  media?: boolean;
  mount?: Record<string, string>;
  baseUrl?: string;
}

/**
 * `offshoot validate FILE [--json] [--media [--mount prefix=dir] [--base-url URL]]`: exit 0 when valid
 * (warnings allowed), 1 when invalid (or, with --media, when media the player would refuse
 * is found), 2 on usage or I/O errors.
 *
 * @example
 * offshoot validate examples/night-walk.json --json
 * offshoot validate examples/night-walk.json --media --mount media=test/media
 * offshoot validate story.json --media --base-url https://cdn.example/stories/story.json
 */
export function validateCommand(io: CliIO): Command {
  return new Command('validate')
    .description('check a story file; lists each issue as file:line:col code path message')
    .argument('<file>', 'story file (JSON)')
    .option('--json', 'print { valid, errors, warnings } as JSON (with --media, and media: {…})')
    .option(
      '--media',
      "also read every segment's static media (playlists, first fragments, keys) and report what the player would refuse or degrade",
    )
    .option('--mount <prefix=dir>', 'with --media: media under prefix/ is in folder dir (repeatable)', collectMount)
    .option(
      '--base-url <url>',
      "with --media: resolve media URLs against this URL (where the story is served from, or the player's baseUrl option) instead of the file; needed for root-relative media such as /media/x.m3u8",
      absoluteUrl,
    )
    .action(async (file: string, options: ValidateOptions) => {
      const report = await readStory(file, io);
      if (!report) return;
      const media =
        options.media && report.story
          ? await checkStoryFileMedia(file, report.story, io, options.mount, options.baseUrl)
          : undefined;
      const valid = report.valid && (media?.errors.length ?? 0) === 0;
      io.exitCode = valid ? EXIT_OK : EXIT_INVALID;
      if (options.json) {
        const out = { valid, errors: report.errors, warnings: report.warnings, ...(media ? { media } : {}) };
        io.out(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      for (const issue of [...report.errors, ...report.warnings]) io.out(`${formatIssueLine(issue, file)}\n`);
      if (media)
        for (const issue of [...media.errors, ...media.warnings, ...media.notes])
          io.out(`${formatMediaIssue(issue, file)}\n`);
      const counts = `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}`;
      io.out(report.valid ? `${file}: valid (${counts})\n` : `${file}: invalid (${counts})\n`);
      if (media) io.out(mediaSummary(file, media));
    });
}

function mediaSummary(file: string, media: MediaReport): string {
  const counts = `${plural(media.errors.length, 'error')}, ${plural(media.warnings.length, 'warning')}, ${plural(media.notes.length, 'note')}`;
  const verdict = media.errors.length === 0 ? 'the player plays it' : 'the player would refuse some of it';
  return `${file}: media of ${plural(media.checked, 'segment')} checked: ${verdict} (${counts})\n`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

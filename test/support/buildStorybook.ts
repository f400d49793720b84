// Builds the project's Storybook for one story file into a fresh temp folder, as an author's
// `OFFSHOOT_STORY=… npm run build-storybook` would (telemetry off, test media mounted).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Runs `storybook build` for `storyFile`; resolves with the output folder (the caller removes it). */
export async function buildStorybook(storyFile: string, prefix = 'offshoot-storybook-'): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), prefix));
  await promisify(execFile)(
    process.execPath,
    ['node_modules/storybook/dist/bin/dispatcher.js', 'build', '-o', out, '--quiet', '--disable-telemetry'],
    {
      env: {
        ...process.env,
        OFFSHOOT_STORY: storyFile,
        OFFSHOOT_MEDIA: 'test/media',
        STORYBOOK_DISABLE_TELEMETRY: '1',
        CI: '1',
      },
      maxBuffer: 32 * 1024 * 1024,
    },
  );
  return out;
}

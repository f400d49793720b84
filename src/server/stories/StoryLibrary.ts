import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Story } from '../../core/index.js';
import { validateStory } from '../../core/validate/validateStory.js';
import { storyForMachine } from '../../core/ink/storyForMachine.js';
import type { Logger } from '../queue/renderIntoStore.js';

/** A story the server loaded and validated, and the folder its relative media live in. */
export interface LoadedStory {
  story: Story;
  file: string;
  dir: string;
  /** The compiled ink the story's `ink` names, when it has one: the replay check plays it (storyForMachine). */
  ink?: string;
}

/**
 * The stories this server answers for, loaded once at start from a folder: every `*.json`
 * file in it and every `<folder>/story.json` one level down. Each is validated; a broken
 * one is reported (file:line:column and message) and skipped, never fatal. Generation specs
 * are only ever read from here, never from a client.
 *
 * @example
 * const library = await StoryLibrary.load('./stories', console.log);
 * library.get('three-doors')?.story.start;
 */
export class StoryLibrary {
  private constructor(private readonly byId: Map<string, LoadedStory>) {}

  /** A library over stories already in memory (tests, embedding). */
  static of(stories: LoadedStory[]): StoryLibrary {
    return new StoryLibrary(new Map(stories.map((s) => [s.story.id, s])));
  }

  static async load(folder: string | undefined, log: Logger): Promise<StoryLibrary> {
    const byId = new Map<string, LoadedStory>();
    if (!folder) return new StoryLibrary(byId);
    for (const file of await storyFiles(resolve(folder))) {
      const text = await readFile(file, 'utf8').catch((error: Error) => {
        log(`story ${file}: cannot read (${error.message}); skipped`);
        return undefined;
      });
      if (text === undefined) continue;
      const report = validateStory(text, { file });
      for (const w of report.warnings)
        log(`story warning ${w.file ?? file}:${w.line ?? 0}:${w.column ?? 0} ${w.message}`);
      if (!report.valid || !report.story) {
        for (const e of report.errors)
          log(`story error ${e.file ?? file}:${e.line ?? 0}:${e.column ?? 0} ${e.message}`);
        log(`story ${file}: invalid, skipped`);
        continue;
      }
      const id = report.story.id;
      if (byId.has(id)) {
        log(`story ${file}: id "${id}" already loaded from ${byId.get(id)?.file}; skipped`);
        continue;
      }
      const ink = await inkOf(report.story, file, log);
      if (ink !== null) byId.set(id, { story: report.story, file, dir: dirname(file), ...(ink ? { ink } : {}) });
    }
    log(`stories: ${byId.size} loaded (${[...byId.keys()].join(', ') || 'none'})`);
    return new StoryLibrary(byId);
  }

  get(id: string): LoadedStory | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}

/**
 * The compiled ink a story's `ink` names beside it (checked by loading it with inkjs once), undefined
 * for a story without ink, null when that file is unusable (the story is then skipped).
 */
async function inkOf(story: Story, file: string, log: Logger): Promise<string | undefined | null> {
  if (story.ink === undefined) return undefined;
  const inkFile = resolve(dirname(file), story.ink);
  try {
    const ink = await readFile(inkFile, 'utf8');
    storyForMachine(story, ink);
    return ink;
  } catch (error) {
    log(`story ${file}: its ink ${inkFile} cannot be used (${(error as Error).message}); skipped`);
    return null;
  }
}

async function storyFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => {
    throw new Error(`Stories folder ${folder} cannot be read`);
  });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
    else if (entry.isDirectory() && (await stat(join(path, 'story.json')).catch(() => undefined))?.isFile()) {
      files.push(join(path, 'story.json'));
    }
  }
  return files;
}

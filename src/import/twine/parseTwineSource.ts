import type { ExtweeStory } from 'extwee';
import { parseTwee, parseTwine2HTML } from 'extwee';
import { ImportError } from '../ImportReport.js';

export type TwineSourceKind = 'twee' | 'html';

/**
 * Which Twine container `source` is: published Twine 2 HTML (has `<tw-storydata>`) or Twee 3
 * (has a `::` passage header at the start of a line). Throws ImportError for anything else.
 *
 * @example
 * twineSourceKind(':: Start\nHello'); // 'twee'
 */
export function twineSourceKind(source: string): TwineSourceKind {
  if (/<tw-storydata\b/i.test(source)) return 'html';
  if (/^::/m.test(source)) return 'twee';
  if (/<html\b|<!doctype html/i.test(source))
    throw new ImportError(
      'an HTML file without <tw-storydata>: not a published Twine 2 story (Twine 1 HTML is not supported)',
    );
  throw new ImportError(
    'neither Twee 3 (no line starts with ":: passage name") nor published Twine 2 HTML (no <tw-storydata>)',
  );
}

/**
 * Parses Twee 3 or Twine 2 HTML with extwee. extwee reports oddities (a missing IFID,
 * duplicate passage names) with console.warn; they are collected and returned instead of
 * printed, so the CLI shows them in its report.
 *
 * @example
 * const { story, notes } = parseTwineSource(':: Start\nHello', 'twee');
 */
export function parseTwineSource(source: string, kind: TwineSourceKind): { story: ExtweeStory; notes: string[] } {
  const notes: string[] = [];
  const saved = { warn: console.warn, info: console.info, log: console.log };
  const note = (...args: unknown[]) =>
    void notes.push(
      args
        .map(String)
        .join(' ')
        .replace(/^(Warning|Info):\s*/, ''),
    );
  console.warn = note;
  console.info = note;
  console.log = note;
  try {
    return { story: kind === 'html' ? parseTwine2HTML(source) : parseTwee(source), notes };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^(TypeError|Error):\s*/, '') : String(error);
    // extwee says "Malformed passage header!" without a place: find the header with no name.
    const bad =
      kind === 'twee' ? source.split('\n').findIndex((line) => /^::\s*(\[[^\]]*\])?\s*(\{.*\})?\s*$/.test(line)) : -1;
    throw new ImportError(
      bad === -1 ? `extwee could not parse it: ${message}` : `passage header without a name (${message})`,
      bad === -1 ? undefined : bad + 1,
    );
  } finally {
    Object.assign(console, saved);
  }
}

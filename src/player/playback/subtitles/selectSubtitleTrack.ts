import type { SnapshotPreferences } from '../../../core/machine/StorySnapshot.js';
import type { SubtitleRendition } from './SubtitleTrack.js';

/**
 * What the viewer asked for so far, carried from segment to segment (each has its own master)
 * and saved with their place: 'off', 'on' with the chosen track's language and name (matched
 * in the next segment's renditions), or 'auto' while nobody chose.
 */
export type SubtitleChoice = NonNullable<SnapshotPreferences['subtitles']>;

/**
 * A saved subtitle preference, or undefined when `value` is not one: a malformed preference
 * is dropped (never worth losing the viewer's place over).
 *
 * @example
 * readSubtitleChoice({ mode: 'on', lang: 'fr' }); // { mode: 'on', lang: 'fr' }
 */
export function readSubtitleChoice(value: unknown): SubtitleChoice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { mode, lang, name } = value as Record<string, unknown>;
  if (mode !== 'auto' && mode !== 'on' && mode !== 'off') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { mode, lang: text(lang), name: text(name) };
}

/** Same language, or one is the other's prefix ('en' matches 'en-GB'), case-insensitive. */
function sameLanguage(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x !== '' && y !== '' && (x === y || x.startsWith(`${y}-`) || y.startsWith(`${x}-`));
}

/**
 * Which rendition to show (its index, -1: none). HLS rules with the viewer first:
 * - chosen 'on': the same language and name, else the same language, else the same name,
 *   else as 'auto';
 * - chosen 'off': a FORCED rendition in the language of the shown audio/preferences (forced
 *   subtitles are meant to show when subtitles are off), else none;
 * - 'auto': the first preferred language (player option, then navigator.languages) among
 *   AUTOSELECT renditions, else the DEFAULT one, else a FORCED one as with 'off'.
 *
 * @example
 * selectSubtitleTrack(renditions, { mode: 'auto' }, ['fr', 'en']); // index of the French one
 */
export function selectSubtitleTrack(
  renditions: readonly SubtitleRendition[],
  choice: SubtitleChoice,
  languages: readonly string[],
): number {
  const find = (test: (r: SubtitleRendition) => boolean): number => renditions.findIndex(test);
  const forced = (): number => {
    for (const lang of languages) {
      const i = find((r) => r.forced && sameLanguage(r.lang, lang));
      if (i >= 0) return i;
    }
    return -1;
  };
  if (choice.mode === 'on') {
    const lang = choice.lang ?? '';
    const exact = find((r) => !r.forced && r.name === choice.name && sameLanguage(r.lang, lang));
    if (exact >= 0) return exact;
    const byLang = find((r) => !r.forced && sameLanguage(r.lang, lang));
    if (byLang >= 0) return byLang;
    const byName = find((r) => r.name === choice.name);
    if (byName >= 0) return byName;
  }
  if (choice.mode === 'off') return forced();
  // 'auto', or 'on' in a segment without the chosen language: the viewer still wants subtitles.
  for (const lang of languages) {
    const i = find((r) => r.autoselect && !r.forced && sameLanguage(r.lang, lang));
    if (i >= 0) return i;
  }
  const byDefault = find((r) => r.default && !r.forced);
  return byDefault >= 0 ? byDefault : forced();
}

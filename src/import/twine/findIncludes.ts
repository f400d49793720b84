/**
 * A passage shown inside another: Harlowe `(display: "X")`, SugarCube `<<include "X">>` /
 * `<<include [[X]]>>`, Chapbook `{embed passage: 'X'}`.
 */
export interface TwineInclude {
  target: string;
  offset: number;
  macro: string;
  /** Length of the macro in the text. */
  length: number;
}

const INCLUDES =
  /\(display\s*:\s*(?:"([^"]*)"|'([^']*)')\s*\)|<<include\s+(?:"([^"]*)"|'([^']*)'|\[\[([^\]]*)\]\])[^>]*>>|\{embed passage(?: named)?\s*:\s*(?:"([^"]*)"|'([^']*)')\s*\}/gi;

/**
 * The passages a passage displays inline, in order. Their links are links of the including
 * passage, which is how the Twine Cookbook's map and HUD patterns move the reader on.
 *
 * @example
 * findIncludes('<<include "Map System">>')[0]?.target; // 'Map System'
 */
export function findIncludes(text: string): TwineInclude[] {
  return [...text.matchAll(INCLUDES)].map((m) => ({
    target: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? '').trim(),
    offset: m.index,
    macro: m[0].startsWith('(') ? '(display:)' : m[0].startsWith('{') ? '{embed passage}' : '<<include>>',
    length: m[0].length,
  }));
}

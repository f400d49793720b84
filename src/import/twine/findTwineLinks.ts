/** A way out of a passage: a `[[link]]`, or a macro that goes to another passage. */
export interface TwineLink {
  label: string;
  target: string;
  /** Offset in the passage text. */
  offset: number;
  /** Set when the link came from a macro (`(link-goto:)`, `(goto:)`, `<<link>>`, `<<goto>>`), not `[[…]]`. */
  macro?: string;
  /** SugarCube setter link `[[text|target][$x to 1]]`: the setter source. */
  setter?: string;
}

// `[[…]]` on one line; SugarCube's setter form is `[[text|target][$x to 1]]`.
const BRACKET_LINK = /\[\[(?!\[)([^\n]*?)\]\]/g;
const HARLOWE_GOTO = /\((link-goto|goto|go-to|click-goto)\s*:\s*("([^"]*)"|'([^']*)')\s*(?:,\s*("([^"]*)"|'([^']*)'))?\s*\)/gi;
const SUGARCUBE_GOTO = /<<(goto|link|button)\s+("([^"]*)"|'([^']*)')(?:\s+("([^"]*)"|'([^']*)'))?\s*>>/g;

/**
 * Every link in a passage's text, in order: `[[text->target]]`, `[[target<-text]]`,
 * `[[text|target]]`, `[[target]]` (with a SugarCube setter when present), plus the macros that
 * send the reader to a named passage: Harlowe `(link-goto: "text", "target")` and
 * `(goto: "target")`, SugarCube `<<link "text" "target">>`, `<<button …>>` and `<<goto "target">>`.
 *
 * @example
 * findTwineLinks('Go [[north->Cave]] or [[Home]]').map((l) => l.target); // ['Cave', 'Home']
 */
export function findTwineLinks(text: string): TwineLink[] {
  const links: TwineLink[] = [];
  for (const m of text.matchAll(BRACKET_LINK)) {
    const [inner = '', setter] = m[1]!.split('][');
    const link: TwineLink = { ...splitLink(inner), offset: m.index };
    if (setter !== undefined) link.setter = setter;
    if (link.target) links.push(link);
  }
  for (const m of text.matchAll(HARLOWE_GOTO)) {
    const first = m[3] ?? m[4] ?? '';
    const second = m[6] ?? m[7];
    const name = m[1]!.toLowerCase();
    // (link-goto: "text", "target") or (link-goto: "target"); (goto: "target").
    const target = name === 'link-goto' || name === 'click-goto' ? (second ?? first) : first;
    links.push({ label: name === 'link-goto' ? first : target, target, offset: m.index, macro: `(${name}:)` });
  }
  for (const m of text.matchAll(SUGARCUBE_GOTO)) {
    const first = m[3] ?? m[4] ?? '';
    const second = m[6] ?? m[7];
    const name = m[1]!;
    if (name !== 'goto' && second === undefined) continue; // <<link "text">> … <</link>>: a link with no passage
    links.push({ label: first, target: name === 'goto' ? first : second!, offset: m.index, macro: `<<${name}>>` });
  }
  return links.sort((a, b) => a.offset - b.offset);
}

function splitLink(inner: string): { label: string; target: string } {
  const arrow = inner.lastIndexOf('->');
  if (arrow !== -1) return { label: inner.slice(0, arrow).trim(), target: inner.slice(arrow + 2).trim() };
  const back = inner.indexOf('<-');
  if (back !== -1) return { label: inner.slice(back + 2).trim(), target: inner.slice(0, back).trim() };
  const bar = inner.indexOf('|');
  if (bar !== -1) return { label: inner.slice(0, bar).trim(), target: inner.slice(bar + 1).trim() };
  return { label: inner.trim(), target: inner.trim() };
}

import { matching } from './scanTwineText.js';

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
  /** For a `(goto:)`/`<<goto>>` inside a `(link:)` hook or `<<link>>` block: that hook's [start, end). */
  hook?: [number, number];
}

// `[[…]]` on one line; SugarCube's setter form is `[[text|target][$x to 1]]`.
const BRACKET_LINK = /\[\[(?!\[)([^\n]*?)\]\]/g;
const HARLOWE_GOTO =
  /\((link-goto|goto|go-to|click-goto)\s*:\s*("([^"]*)"|'([^']*)')\s*(?:,\s*("([^"]*)"|'([^']*)'))?\s*\)/gi;
// Chapbook: {link to: 'Passage', label: 'Text'} (label optional).
const CHAPBOOK_LINK = /\{link to\s*:\s*(?:"([^"]*)"|'([^']*)')\s*(?:,\s*label\s*:\s*(?:"([^"]*)"|'([^']*)'))?\s*\}/g;
const SUGARCUBE_GOTO = /<<(goto|link|button)\s+("([^"]*)"|'([^']*)')(?:\s+("([^"]*)"|'([^']*)'))?\s*>>/g;

/**
 * Every link in a passage's text, in order: `[[text->target]]`, `[[target<-text]]`,
 * `[[text|target]]`, `[[target]]` (with a SugarCube setter when present), plus the macros that
 * send the reader to a named passage: Harlowe `(link-goto: "text", "target")` and
 * `(goto: "target")`, SugarCube `<<link "text" "target">>`, `<<button …>>` and `<<goto "target">>`,
 * Chapbook `{link to: 'target', label: 'text'}`.
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
  for (const m of text.matchAll(CHAPBOOK_LINK)) {
    const target = m[1] ?? m[2] ?? '';
    links.push({ label: m[3] ?? m[4] ?? target, target, offset: m.index, macro: '{link to}' });
  }
  for (const link of links)
    if (link.macro === '(goto:)' || link.macro === '(go-to:)' || link.macro === '<<goto>>')
      labelFromEnclosingLink(text, link);
  return links.sort((a, b) => a.offset - b.offset);
}

const HARLOWE_LINK_HOOK = /\(link(?:-reveal|-replace)?\s*:\s*(?:"([^"]*)"|'([^']*)')\s*\)\s*\[/g;
const SUGARCUBE_LINK_BLOCK = /<<link\s+(?:"([^"]*)"|'([^']*)')\s*>>([\s\S]*?)<<\/link>>/g;

/** A `(goto:)` inside `(link: "Hyperjump")[…]` (or `<<link "…">>…<</link>>`) is that link: use its text as the label. */
function labelFromEnclosingLink(text: string, link: TwineLink): void {
  for (const m of text.matchAll(HARLOWE_LINK_HOOK)) {
    const open = m.index + m[0].length - 1;
    const close = matching(text, open, '[', ']');
    if (m.index < link.offset && link.offset < close) {
      link.label = m[1] ?? m[2] ?? link.label;
      link.hook = [open + 1, close];
    }
  }
  for (const m of text.matchAll(SUGARCUBE_LINK_BLOCK)) {
    if (m.index < link.offset && link.offset < m.index + m[0].length) {
      link.label = m[1] ?? m[2] ?? link.label;
      link.hook = [m.index, m.index + m[0].length];
    }
  }
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

import { chapbookVarsSection } from './scanChapbook.js';
import { macroSpans } from './scanTwineText.js';

/**
 * The words a reader sees in a passage, as plain text for a generation prompt: links become
 * their text, macros, HTML, comments, hooks and variable prints are removed, Harlowe and
 * SugarCube emphasis marks dropped. (What is removed is reported separately by the importer.)
 *
 * @example
 * proseOfPassage("''Hello'' $name. (set: $x to 1)[[Go on->Next]]"); // 'Hello . Go on'
 */
export function proseOfPassage(text: string, options: { chapbook?: boolean } = {}): string {
  let t = options.chapbook ? chapbookProse(text) : text;
  t = t
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  // Macros go before links so that `<<link [[a|b]]>>` loses the macro but keeps "a".
  const spans = macroSpans(t).sort((a, b) => b[0] - a[0]);
  let lastStart = Infinity;
  for (const [start, end] of spans) {
    if (end > lastStart) continue; // nested in a span already removed
    t = t.slice(0, start) + ' ' + t.slice(end);
    lastStart = start;
  }
  return t
    .replace(/\[\[(?!\[)([^\n]*?)\]\]/g, (_, inner: string) => linkText(inner.split('][')[0] ?? ''))
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
    .replace(/\|[\w-]+>|<[\w-]+\||\?[\w-]+/g, ' ')
    .replace(/[$_][A-Za-z_]\w*/g, ' ')
    .replace(/''|\/\/|\*\*|~~|\^\^|@@|==|[[\]{}]/g, ' ')
    .replace(/^\s*#+/gm, ' ')
    .replace(
      /&(nbsp|amp|lt|gt|quot);/g,
      (_, e: string) => ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

function linkText(inner: string): string {
  const arrow = inner.lastIndexOf('->');
  if (arrow !== -1) return inner.slice(0, arrow);
  const back = inner.indexOf('<-');
  if (back !== -1) return inner.slice(back + 2);
  const bar = inner.indexOf('|');
  return bar !== -1 ? inner.slice(0, bar) : inner;
}

/** Chapbook: the vars section, modifier lines and inserts are not prose; a `{link to}` keeps its label. */
function chapbookProse(text: string): string {
  return text
    .slice(chapbookVarsSection(text)?.end ?? 0)
    .replace(/^[ \t]*\[(?!\[)[^\]\n]+\][ \t]*$/gm, ' ')
    .replace(
      /\{link to\s*:\s*(?:"([^"]*)"|'([^']*)')\s*(?:,\s*label\s*:\s*(?:"([^"]*)"|'([^']*)'))?\s*\}/g,
      (_, a?: string, b?: string, c?: string, d?: string) => ` ${c ?? d ?? a ?? b ?? ''} `,
    )
    .replace(/\{[A-Za-z][^{}]*\}/g, ' ');
}

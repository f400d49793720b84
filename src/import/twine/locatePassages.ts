/**
 * The 1-based line where each passage's text starts in a Twee 3 file or a published Twine 2
 * HTML file, so warnings can point into the file the author edits. extwee gives passages but no
 * positions; this reads the headers again.
 *
 * @example
 * locatePassages(':: Start\nHello', 'twee').get('Start'); // 2
 */
export function locatePassages(source: string, kind: 'twee' | 'html'): Map<string, number> {
  return kind === 'twee' ? locateTwee(source) : locateHtml(source);
}

/** Line of `offset` within a passage whose text starts on `firstLine`. */
export function lineIn(text: string, offset: number, firstLine: number | undefined): number | undefined {
  if (firstLine === undefined) return undefined;
  let line = firstLine;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function locateTwee(source: string): Map<string, number> {
  const lines = source.split('\n');
  const found = new Map<string, number>();
  let pending: string | undefined;
  lines.forEach((line, index) => {
    if (line.startsWith('::')) {
      pending = tweeName(line.slice(2));
      if (pending && !found.has(pending)) found.set(pending, index + 2);
      else pending = undefined;
    } else if (pending !== undefined && line.trim() !== '') {
      // extwee trims the passage text, so its first character is the first non-blank line.
      found.set(pending, index + 1);
      pending = undefined;
    }
  });
  return found;
}

/** The passage name of a Twee 3 header: metadata `{…}` and tags `[…]` removed, escapes undone. */
function tweeName(header: string): string {
  let rest = header;
  const meta = lastUnescaped(rest, '{');
  if (meta !== -1 && lastUnescaped(rest, '}') > meta)
    rest = rest.slice(0, meta) + rest.slice(lastUnescaped(rest, '}') + 1);
  const tags = lastUnescaped(rest, '[');
  if (tags !== -1 && lastUnescaped(rest, ']') > tags)
    rest = rest.slice(0, tags) + rest.slice(lastUnescaped(rest, ']') + 1);
  return rest.trim().replace(/\\(.)/g, '$1');
}

function lastUnescaped(text: string, char: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] !== char) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) return i;
  }
  return -1;
}

function locateHtml(source: string): Map<string, number> {
  const found = new Map<string, number>();
  const tag = /<tw-passagedata\b[^>]*>/gi;
  let line = 1;
  let counted = 0;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const end = m.index + m[0].length;
    for (let i = source.indexOf('\n', counted); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) line++;
    counted = end;
    const name = /\bname\s*=\s*"([^"]*)"/i.exec(m[0])?.[1];
    if (name !== undefined) {
      const decoded = decodeEntities(name);
      if (!found.has(decoded)) found.set(decoded, line);
    }
  }
  return found;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? _;
  });
}

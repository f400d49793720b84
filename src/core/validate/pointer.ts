/** Build a JSON Pointer from raw tokens (RFC 6901 escaping). */
export function pointer(...tokens: (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += '/' + String(token).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

/** Split a JSON Pointer into raw tokens. */
export function tokensOf(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The segment id a pointer is inside, if any. */
export function segmentOf(path: string): string | undefined {
  if (!path.startsWith('/segments/')) return undefined;
  return tokensOf(path)[1];
}

/**
 * Name a place in the story the way an author thinks of it.
 *
 * @example
 * describe('/segments/intro/choice/options/1'); // 'option 2 of segment intro'
 */
export function describe(path: string): string {
  const t = tokensOf(path);
  if (t.length === 0) return 'the story';
  if (t[0] === 'state') return t.length === 1 ? 'the state block' : `state variable \`${t[1]}\``;
  if (t[0] !== 'segments') return `\`${t[0]}\``;
  if (t.length === 1) return 'the segments block';
  const seg = `segment ${t[1]}`;
  const [, , part, index, sub] = t;
  if (part === undefined) return seg;
  const nth = (i: string | undefined): string => (i !== undefined && /^\d+$/.test(i) ? String(Number(i) + 1) : '?');
  if (part === 'choice') {
    if (index === 'options' && sub !== undefined) return `option ${nth(sub)} of segment ${t[1]}`;
    return `the choice of ${seg}`;
  }
  if (part === 'next' && index !== undefined) return `route ${nth(index)} of ${seg}`;
  if (part === 'captions' && index !== undefined) return `caption ${nth(index)} of ${seg}`;
  if (part === 'generate') {
    if (index === 'characters' && sub !== undefined) return `character ${nth(sub)} of ${seg}`;
    return `the generate spec of ${seg}`;
  }
  return seg;
}

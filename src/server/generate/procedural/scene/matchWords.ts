/**
 * Split plain words into lowercase tokens ("The fox's lantern!" → the, fox, lantern).
 *
 * @example
 * tokenize('A fox walks through the Forest at dusk.'); // ['a','fox','walks','through','the','forest','at','dusk']
 */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length > 0);
}

/** A word and its likely singulars, so "foxes", "trees" and "stars" match "fox", "tree", "star". */
function forms(word: string): string[] {
  const out = [word];
  if (word.endsWith('ies')) out.push(word.slice(0, -3) + 'y');
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  return out;
}

/**
 * Keys of `table` whose words occur in `tokens`, in the order they first occur.
 *
 * @example
 * matchKeys(tokenize('stormy night in the woods'), { forest: { words: ['woods'] } }); // ['forest']
 */
export function matchKeys<K extends string>(
  tokens: readonly string[],
  table: Readonly<Record<K, { words: readonly string[] } | readonly string[]>>,
): { keys: K[]; used: Set<string> } {
  const index = new Map<string, K>();
  for (const key of Object.keys(table) as K[]) {
    const entry = table[key];
    const words = Array.isArray(entry) ? (entry as readonly string[]) : (entry as { words: readonly string[] }).words;
    for (const w of words) if (!index.has(w)) index.set(w, key);
  }
  const keys: K[] = [];
  const used = new Set<string>();
  for (const token of tokens) {
    for (const form of forms(token)) {
      const key = index.get(form);
      if (key === undefined) continue;
      used.add(token);
      if (!keys.includes(key)) keys.push(key);
      break;
    }
  }
  return { keys, used };
}

/** Segment ids: 1–128 letters, digits, `_` or `-` (docs/story-format.md). */
const MAX_ID = 128;

export interface IdAllocator {
  /** The id for `name`, the same on every call; the first name to claim an id keeps it. */
  idFor(name: string): string;
  /** Names whose id differs from the name: name → id. */
  renames(): Map<string, string>;
}

/**
 * Turns arbitrary names (Twine passage names, ink paths, option labels) into ids that match the
 * schema's id pattern. Characters outside it become `-`; collisions get `-2`, `-3`… in the order
 * names are first asked for, so the same input always gives the same ids.
 *
 * @example
 * const ids = createIdAllocator();
 * ids.idFor('Explore Space 1'); // 'Explore-Space-1'
 * ids.idFor('Explore_Space 1'); // 'Explore_Space-1'
 * ids.idFor('Explore Space!1'); // 'Explore-Space-1-2'
 * ids.idFor('🐱'); // 'u1f431': a name with no letters or digits keeps its characters as code points
 */
export function createIdAllocator(fallback = 'node'): IdAllocator {
  const byName = new Map<string, string>();
  const taken = new Set<string>(['__proto__']);
  return {
    idFor(name) {
      const known = byName.get(name);
      if (known !== undefined) return known;
      const base = sanitize(name) || codePoints(name) || fallback;
      let id = base;
      for (let n = 2; taken.has(id); n++) {
        const suffix = `-${n}`;
        id = base.slice(0, MAX_ID - suffix.length) + suffix;
      }
      taken.add(id);
      byName.set(name, id);
      return id;
    },
    renames() {
      return new Map([...byName].filter(([name, id]) => name !== id));
    },
  };
}

function sanitize(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID);
}

const JOINERS = new Set(['\u200d', '\ufe0e', '\ufe0f']);

/** `u1f431-u1f436` for a name made only of symbols (emoji choices), so two such names stay told apart. */
function codePoints(name: string): string {
  return (
    [...name]
      // Whitespace, the zero-width joiner and emoji presentation selectors carry no identity.
      .filter((c) => !/\s/u.test(c) && !JOINERS.has(c))
      .map((c) => `u${c.codePointAt(0)!.toString(16)}`)
      .join('-')
      .slice(0, MAX_ID)
  );
}

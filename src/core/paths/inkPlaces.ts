/**
 * The knots and stitches (`knot`, `knot.stitch`) of a compiled ink story, in file order, read
 * from the JSON's named containers (gathers, choices and other generated containers left out).
 *
 * @example
 * inkPlaces(json); // ['start', 'start.waited', 'missing_reel', …]
 */
export function inkPlaces(inkJson: string): string[] {
  const root = (JSON.parse(inkJson) as { root?: unknown[] }).root ?? [];
  const places: string[] = [];
  for (const [knot, content] of Object.entries(namedIn(root))) {
    if (knot === 'global decl') continue;
    places.push(knot);
    if (Array.isArray(content))
      for (const stitch of Object.keys(namedIn(content)))
        if (!/^\d+$|^[gc]-\d+$|^s\d*$|^#/.test(stitch)) places.push(`${knot}.${stitch}`);
  }
  return places;
}

/** The named sub-containers of an ink JSON container: the object that ends its array. */
function namedIn(container: unknown[]): Record<string, unknown> {
  const last = container.at(-1);
  return last && typeof last === 'object' && !Array.isArray(last) ? (last as Record<string, unknown>) : {};
}

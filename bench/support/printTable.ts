/** A row of a side-by-side table: a label and one cell per column (already formatted). */
export type Row = [label: string, ...cells: string[]];

/**
 * Print a plain-text table with a header row, columns padded to fit (numbers right-aligned).
 *
 * @example
 * printTable(['metric', 'ours', 'naive', 'ratio'], [['stalls', '0', '50', '0.00×']]);
 */
export function printTable(header: string[], rows: Row[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : (cell ?? '').padStart(widths[c]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** `n` with `digits` decimals, or '—' for null/NaN. */
export function fmt(n: number | null | undefined, digits = 0): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);
}

/** ours / baseline as `0.12×`, or '—' when the baseline is 0 or missing. */
export function ratio(ours: number | null | undefined, baseline: number | null | undefined): string {
  if (ours === null || ours === undefined || !baseline || !Number.isFinite(ours)) return '—';
  return `${(ours / baseline).toFixed(2)}×`;
}

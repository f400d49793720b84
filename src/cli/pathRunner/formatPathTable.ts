import type { PathResult } from './classifyRun.js';
import type { StoryPath } from './listPaths.js';

/**
 * The human summary of a run: one row per path (verdict, wall time against media time,
 * the path with the option taken at each choice), the reasons under each failed row, and a
 * closing count per failure kind.
 *
 * @example
 * io.out(formatPathTable('night-walk.json', paths, results));
 * //  #  result   wall  media  path
 * //  1  pass    9.4 s  12 s   intro[lantern] → lantern → forest[home] → home
 */
export function formatPathTable(
  file: string,
  paths: StoryPath[],
  results: PathResult[],
  truncated: boolean,
  /** Media check findings (errors, warnings) on the segments of path n, one line each. */
  media: (index: number) => string[] = () => [],
): string {
  const lines = [
    `${file}: ${results.length} path${results.length === 1 ? '' : 's'}${truncated ? ' (more exist: raise --max-paths or --max-depth)' : ''}`,
  ];
  const width = String(results.length).length;
  lines.push(`  ${'#'.padStart(width)}  result    wall   media  path`);
  for (const result of results) {
    const path = paths[result.index - 1];
    const route = path
      ? path.steps.map((s) => (s.optionId ? `${s.segmentId}[${s.optionId}]` : s.segmentId)).join(' → ')
      : '';
    lines.push(
      `  ${String(result.index).padStart(width)}  ${(result.ok ? 'pass' : 'FAIL').padEnd(6)} ${seconds(result.wallSeconds)}  ${seconds(result.mediaSeconds)}  ${route}`,
    );
    for (const failure of result.failures)
      lines.push(
        `  ${' '.repeat(width)}    ${failure.kind}${failure.code ? ` (${failure.code})` : ''}: ${failure.message}`,
      );
    for (const line of media(result.index)) lines.push(`  ${' '.repeat(width)}    media ${line}`);
  }
  const failed = results.filter((r) => !r.ok);
  const kinds = new Map<string, number>();
  for (const result of failed) {
    const kind = result.failures[0]?.kind ?? 'unknown';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const byKind = [...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ');
  lines.push(`${results.length - failed.length} passed, ${failed.length} failed${byKind ? ` (${byKind})` : ''}`);
  return `${lines.join('\n')}\n`;
}

function seconds(s: number): string {
  return `${s.toFixed(1)} s`.padStart(7);
}

// `npm run bench` (= `tsx bench/run.ts [--quick]`): every bench/*.bench.ts in sequence, output
// passed through. --quick lowers counts where a bench takes them (see QUICK below). Exits 1
// when any bench failed (a budget exceeded, a player error), after running them all.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/** Preferred order; any other *.bench.ts runs after these, alphabetically. */
const ORDER = [
  'validate',
  'paths',
  'render',
  'lookahead',
  'backend-throughput',
  'load',
  'playback',
  'soak',
  'bundle-size',
];
/** What --quick passes to each bench (arguments, environment). */
const QUICK: Record<string, { args?: string[]; env?: Record<string, string> }> = {
  validate: { args: ['1000', '5'] },
  render: { args: ['2', '1'] },
  lookahead: { args: ['--viewers', '3', '--levels', '3', '--modes', 'in-process'] },
  scaleout: { args: ['--viewers', '6'] },
  'backend-throughput': { env: { BENCH_JOBS: '2' } },
  load: { args: ['--viewers', '30', '--seconds', '10'] },
  playback: { args: ['--quick'] },
  soak: { args: ['60', '--rate', '2'] },
  'bundle-size': { args: ['--quick'] },
  'wild-media': { args: ['--repeat', '1'] },
};

const quick = process.argv.includes('--quick');
const names = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const failed: string[] = [];
for (const name of names) {
  const extra = quick ? (QUICK[name] ?? {}) : {};
  const args = ['tsx', `bench/${name}.bench.ts`, ...(extra.args ?? [])];
  console.log(`\n=== ${name}${quick ? ' (quick)' : ''}: npx ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...extra.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) failed.push(name);
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`,
  );
}
console.log(
  `\n${names.length - failed.length}/${names.length} benches ok${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
);
process.exit(failed.length ? 1 : 0);

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

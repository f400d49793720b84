// Validator speed on a large story: `npx tsx bench/validate.bench.ts [segments] [runs]`.
// Prints median/p90 per validation and, as the baseline measured in the same run, plain
// JSON.parse of the same text (the floor any text validator pays), with the ratio.
import { validateStory } from '../src/core/validate/validateStory.js';
import { quantile } from './support/quantile.js';

const SEGMENTS = Number(process.argv[2] ?? 5000);
const RUNS = Number(process.argv[3] ?? 20);

/** A chain of choice segments with routes, conditions, `set`s, captions and generate specs, ending in endings. */
function makeStory(count: number): string {
  const segments: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const id = `s${i}`;
    const a = `s${Math.min(i + 1, count - 1)}`;
    const b = `s${Math.min(i + 2, count - 1)}`;
    if (i === count - 1) segments[id] = { media: `media/${id}/index.m3u8`, duration: 5, end: true };
    else if (i % 3 === 0) {
      segments[id] = {
        generate: {
          prompt: `{name} walks on, courage {courage}`,
          seed: i,
          characters: [{ name: 'fox', kind: 'fox', color: '#e67e22' }],
        },
        duration: 6,
        next: [{ if: `courage > ${i % 5} && visits.${a} < 2`, to: b }, { to: a }],
      };
    } else {
      segments[id] = {
        media: `media/${id}/index.m3u8`,
        duration: 8,
        captions: [{ from: 0.5, to: 3, text: `Scene ${i}` }],
        choice: {
          prompt: 'Which way?',
          at: 3,
          until: 7,
          default: 'left',
          options: [
            { id: 'left', label: 'Left', next: a, set: { courage: 'courage + 1' } },
            {
              id: 'right',
              label: 'Right',
              next: b,
              if: `brave || visits.${id} > 1`,
              set: { brave: '!brave', name: "name + '!'" },
            },
          ],
        },
      };
    }
  }
  return JSON.stringify(
    {
      offshoot: 1,
      id: 'bench',
      title: 'Bench',
      start: 's0',
      state: { courage: 0, brave: false, name: 'Fox' },
      segments,
    },
    null,
    2,
  );
}

// Wall time and this process's CPU time: on a shared, loaded machine CPU time is the steadier figure.
function time(run: () => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const text = makeStory(SEGMENTS);
if (process.env.DUMP) (await import('node:fs')).writeFileSync(process.env.DUMP, text);
const check = validateStory(text);
if (!check.valid) {
  console.error('bench story is invalid:', check.errors.slice(0, 3));
  process.exit(1);
}
validateStory(text); // warm-up
const rows = [
  { name: 'JSON.parse (baseline)', ...time(() => JSON.parse(text)) },
  { name: 'validateStory(text)', ...time(() => validateStory(text)) },
  { name: 'validateStory(object)', ...time(() => validateStory(JSON.parse(text))) },
];
const base = quantile(rows[0]!.wall, 0.5);
const baseCpu = quantile(rows[0]!.cpu, 0.5);
console.log(`story: ${SEGMENTS} segments, ${(text.length / 1024).toFixed(0)} KiB, ${RUNS} runs each`);
console.table(
  rows.map(({ name, wall, cpu }) => ({
    case: name,
    'median ms': quantile(wall, 0.5).toFixed(1),
    'p90 ms': quantile(wall, 0.9).toFixed(1),
    'cpu median ms': quantile(cpu, 0.5).toFixed(1),
    'segments/s': Math.round(SEGMENTS / (quantile(wall, 0.5) / 1000)),
    'x baseline': (quantile(wall, 0.5) / base).toFixed(1),
    'x baseline (cpu)': (quantile(cpu, 0.5) / baseCpu).toFixed(1),
  })),
);

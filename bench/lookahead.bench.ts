// Lookahead benchmark on the REAL backend: `npx tsx bench/lookahead.bench.ts [--viewers 3]
// [--workers 2] [--size 320x180] [--levels 3] [--modes in-process,bullmq]`.
//
// Simulated viewers (bench/scaleoutViewer.ts: no browser, real HTTP) walk a generated story
// (bench/scaleoutStory.ts: a binary tree of choices, every segment a procedural render of its
// own) against the real backend: the HTTP API, the in-process queue with W render slots, or
// BullMQ on a real redis-server with W worker processes; the procedural generator on the CPU;
// ffmpeg; a fresh store per row. Each viewer asks for everything within two choices with its
// deadline, chooses at random when the choice opens, and holds when what it reaches is not
// rendered. One variable changes per step, on the same viewers and choices:
//   1 fifo          whole jobs in the order asked, nothing withdrawn
//   2 deadline      whole jobs, nearest deadline first
//   3 + cancel      the viewers DELETE the branches their choice made unreachable
//   4 + head-first  every branch's head before any tail; preemption at fragment boundaries
// Per row: branches whose head was playable on arrival, the worst hold, and compute (seconds of
// video rendered, watched or not, per second watched). Exits 1 when step 4 is less ready than
// step 1 or costs more compute per watched second (the budget).
import { execFileSync } from 'node:child_process';
import type { RenderOrder } from '../src/server/queue/schedule/renderRank.js';
import { printTable } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { renderedSeconds, startBenchBackend } from './scaleoutBackend.js';
import { branchingStory } from './scaleoutStory.js';
import { runViewer } from './scaleoutViewer.js';
import type { ViewerResult } from './scaleoutViewer.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const VIEWERS = Number(arg('viewers', '3'));
const WORKERS = Number(arg('workers', '2'));
const [WIDTH, HEIGHT] = arg('size', '320x180').split('x').map(Number) as [number, number];
const LEVELS = Number(arg('levels', '3'));
const MODES = arg('modes', 'in-process,bullmq').split(',') as Array<'in-process' | 'bullmq'>;
/** Which steps to run (1-based, comma-separated); all four by default. */
const ONLY = arg('steps', '1,2,3,4').split(',').map(Number);
const SECONDS = 4;
const CHOICE_AT = 1;
const BRANCHING = 2;
/** Viewers start this far apart, so they are at different depths of the story at once. */
const STAGGER_MS = 1500;

const STEPS: Array<{ name: string; order: RenderOrder; cancel: boolean }> = [
  { name: '1 fifo', order: 'fifo', cancel: false },
  { name: '2 deadline', order: 'deadline', cancel: false },
  { name: '3 + cancel', order: 'deadline', cancel: true },
  { name: '4 + head-first', order: 'head-first', cancel: true },
];

interface StepResult {
  ready: number;
  worstHoldS: number;
  holdPerMinS: number;
  computePerWatched: number;
}

const load = (): string =>
  execFileSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');
const story = branchingStory({
  id: 'branching',
  levels: LEVELS,
  branching: BRANCHING,
  seconds: SECONDS,
  choiceAt: CHOICE_AT,
});

async function runStep(mode: 'in-process' | 'bullmq', step: (typeof STEPS)[number]): Promise<StepResult> {
  const backend = await startBenchBackend({
    mode,
    order: step.order,
    workers: WORKERS,
    width: WIDTH,
    height: HEIGHT,
    story,
  });
  try {
    const results: ViewerResult[] = await Promise.all(
      Array.from({ length: VIEWERS }, async (_, v) => {
        await new Promise((resolve) => setTimeout(resolve, v * STAGGER_MS));
        return runViewer({
          url: backend.url,
          token: backend.token(`viewer-${v}`),
          storyId: 'branching',
          branching: BRANCHING,
          levels: LEVELS,
          seconds: SECONDS,
          choiceAt: CHOICE_AT,
          seed: v + 1,
          cancel: step.cancel,
        });
      }),
    );
    const branches = results.reduce((n, r) => n + r.branches, 0);
    const inTime = results.reduce((n, r) => n + r.inTime, 0);
    const watched = results.reduce((n, r) => n + r.watchedSeconds, 0);
    const holds = results.flatMap((r) => r.holdsMs);
    return {
      ready: inTime / branches,
      worstHoldS: Math.max(0, ...holds) / 1000,
      holdPerMinS: holds.reduce((a, b) => a + b, 0) / 1000 / (watched / 60),
      computePerWatched: renderedSeconds(backend.lines()) / watched,
    };
  } finally {
    await backend.close();
  }
}

console.log(
  `lookahead on the real backend: ${VIEWERS} viewers ${STAGGER_MS / 1000} s apart, ${WORKERS} render slot(s)/worker process(es), ` +
    `procedural ${WIDTH}x${HEIGHT} on the CPU, story of ${LEVELS} binary choices × ${SECONDS} s segments (${load()})`,
);
let failed = false;
for (const mode of MODES) {
  const rows: Row[] = [];
  const measured: StepResult[] = [];
  for (const step of STEPS.filter((_, i) => ONLY.includes(i + 1))) {
    const r = await runStep(mode, step);
    measured.push(r);
    rows.push([
      step.name,
      `${(r.ready * 100).toFixed(0)} %`,
      r.worstHoldS.toFixed(2),
      r.holdPerMinS.toFixed(1),
      r.computePerWatched.toFixed(2),
    ]);
  }
  console.log(
    `\n${mode === 'bullmq' ? `BullMQ, ${WORKERS} worker processes, one redis-server` : `in-process queue, ${WORKERS} slots`} (${load()})`,
  );
  printTable(['step', 'ready in time', 'worst hold s', 'hold s/min', 'rendered s per watched s'], rows);
  const first = measured[0]!;
  const last = measured.at(-1)!;
  if (ONLY.length === 4 && (last.ready < first.ready || last.computePerWatched > first.computePerWatched)) {
    console.log(
      `BUDGET MISSED (${mode}): head-first + cancel must be at least as ready as fifo and cost no more compute`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

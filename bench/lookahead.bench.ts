// Lookahead benchmark: `npx tsx bench/lookahead.bench.ts [--viewers 200] [--seed 1]`.
//
// Simulates many viewers making random choices on stories whose branches are generated,
// against a simulated backend of W workers rendering ~1 s media segments sequentially at a
// given speed (× real time). Compares, in the same run and on the same viewers:
//   ours  — the player's LookaheadPolicy (deadline order, K in flight, cancel unreachable,
//           next level on commit) with a head-first backend (the fragment needed soonest
//           renders next, so every branch's head comes before anyone's tail);
//   naive — every candidate requested at each segment start, rendered in full in request
//           order, never cancelled.
// Deterministic: seeded choices, fixed time step. Prints a table and ratios.
import { readFileSync, readdirSync } from 'node:fs';
import type { ChoiceStep, Segment, Story } from '../src/core/index.js';
import type { Position } from '../src/core/rules/index.js';
import { applyOption, enterSegment, initialPosition, resolveNext, takeableOptions } from '../src/core/rules/index.js';
import type { LookaheadAction } from '../src/player/generation/LookaheadPolicy.js';
import { LookaheadPolicy } from '../src/player/generation/LookaheadPolicy.js';
import { commitTargets, planTargets } from '../src/player/generation/lookaheadTargets.js';
import { mulberry32 } from '../src/server/generate/procedural/random/mulberry32.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VIEWERS = arg('viewers', 200);
const SEED = arg('seed', 1);
const DT = 0.05; // s per simulation step
const FRAG = 1; // s of media per rendered HLS segment
const HEAD = 2; // s that make a branch playable (the player's hold threshold)
const DEPTH = 2;
const K = 4;
const LEAD = arg('lead', 3); // LookaheadPolicy leadFactor; --lead Infinity for no lead gating
const MIN_LEAD = arg('min-lead', 4); // LookaheadPolicy minLeadSeconds
const CAP = 180; // s of session at most (stories with loops)
const SPEEDS = [0.9, 2, 4];
const WORKERS = [1, 2];

interface Job {
  segmentId: string;
  duration: number;
  frags: number;
  rendered: number;
  dueAt: number;
  seq: number;
  busy: boolean;
  partial: number;
  spent: number;
  live: boolean;
}

/** W workers, each rendering one fragment at a time at `speed` × real time. */
class SimBackend {
  readonly jobs = new Map<string, Job>();
  private readonly workers: Array<Job | undefined>;
  private seq = 0;
  spent = 0;

  constructor(
    workers: number,
    private readonly speed: number,
    private readonly mode: 'head-first' | 'fifo',
  ) {
    this.workers = new Array<Job | undefined>(workers).fill(undefined);
  }

  submit(segmentId: string, duration: number, deadline: number, now: number): void {
    const old = this.jobs.get(segmentId);
    if (old && (old.live || old.rendered === old.frags)) return; // content-addressed: one job per rendition
    this.jobs.set(segmentId, {
      segmentId,
      duration,
      frags: Math.ceil(duration / FRAG),
      rendered: old?.rendered ?? 0,
      dueAt: now + deadline,
      seq: this.seq++,
      busy: false,
      partial: 0,
      spent: old?.spent ?? 0,
      live: true,
    });
  }

  cancel(segmentId: string): void {
    const job = this.jobs.get(segmentId);
    if (job) job.live = false; // a worker on it drops it at once; its partial fragment is lost
  }

  readySeconds(segmentId: string): number {
    const job = this.jobs.get(segmentId);
    return job ? Math.min(job.duration, job.rendered * FRAG) : 0;
  }

  /** Advance `dt`; returns segments that finished rendering. */
  step(dt: number): string[] {
    const done: string[] = [];
    this.workers.forEach((_, w) => {
      let budget = dt;
      while (budget > 1e-9) {
        let job = this.workers[w];
        if (job && !job.live) job = this.workers[w] = undefined;
        job ??= this.workers[w] = this.pick();
        if (!job) return;
        job.busy = true;
        const need = FRAG / this.speed - job.partial;
        const use = Math.min(need, budget);
        budget -= use;
        job.partial += use;
        job.spent += use;
        this.spent += use;
        if (use < need) return;
        job.partial = 0;
        job.rendered++;
        const finished = job.rendered === job.frags;
        if (finished) {
          job.live = false;
          done.push(job.segmentId);
        }
        // Head-first re-decides after every fragment; FIFO keeps rendering the job to its end.
        if (finished || this.mode === 'head-first') {
          job.busy = false;
          this.workers[w] = undefined;
        }
      }
    });
    return done;
  }

  private pick(): Job | undefined {
    let best: Job | undefined;
    const key = (j: Job): number => (this.mode === 'fifo' ? j.seq : j.dueAt + j.rendered * FRAG);
    for (const job of this.jobs.values()) {
      if (!job.live || job.busy) continue;
      if (!best || key(job) < key(best) || (key(job) === key(best) && job.seq < best.seq)) best = job;
    }
    return best;
  }
}

interface Totals {
  branches: number;
  ready: number;
  waitS: number;
  watchedS: number;
  spentS: number;
  wastedS: number;
  sessions: number;
}
const zero = (): Totals => ({ branches: 0, ready: 0, waitS: 0, watchedS: 0, spentS: 0, wastedS: 0, sessions: 0 });

/** One viewer's session. `random` makes the same choices for both schedulers. */
function simulate(
  story: Story,
  scheduler: 'ours' | 'naive',
  speed: number,
  workers: number,
  random: () => number,
  into: Totals,
): void {
  const backend = new SimBackend(workers, speed, scheduler === 'ours' ? 'head-first' : 'fifo');
  const policy = new LookaheadPolicy({ maxInFlight: K, headSeconds: HEAD, leadFactor: LEAD, minLeadSeconds: MIN_LEAD });
  const entered = new Set<string>();
  let t = 0;
  let history: ChoiceStep[] = [];
  let pos: Position = initialPosition(story);
  let seg: Segment = story.segments[pos.segmentId] as Segment;
  let segTime = 0;
  let holding = false;
  let choice: { at: number; optionId: string } | undefined;
  let chosen: string | undefined;

  const apply = (actions: LookaheadAction[]): void => {
    for (const a of actions) {
      if (a.type === 'cancel') backend.cancel(a.segmentId);
      else backend.submit(a.segmentId, (story.segments[a.segmentId] as Segment).duration, a.deadline, t);
    }
  };
  const headReady = (id: string, d: number): boolean => backend.readySeconds(id) >= Math.min(HEAD, d);

  const enter = (next: Position): void => {
    pos = next;
    seg = story.segments[pos.segmentId] as Segment;
    entered.add(pos.segmentId);
    segTime = 0;
    chosen = undefined;
    holding = false;
    if (seg.generate) {
      into.branches++;
      if (headReady(pos.segmentId, seg.duration)) into.ready++;
      else holding = true;
    }
    const targets = planTargets(story, pos, history, DEPTH);
    if (scheduler === 'ours') {
      const actions = policy.want(targets, t);
      if (policy.reached(pos.segmentId) === 'late' && targets[0]?.segmentId === pos.segmentId)
        actions.push(...policy.urgent(targets[0], t));
      apply(actions);
    } else {
      for (const target of targets) backend.submit(target.segmentId, target.durationSeconds, target.seconds, t);
    }
    choice = undefined;
    if (seg.choice) {
      const options = takeableOptions(story, pos);
      const { at, until = seg.duration, default: fallback } = seg.choice;
      const timedOut = random() < 0.2 || options.length === 0;
      const pickedId = options[Math.floor(random() * options.length)]?.id ?? fallback;
      choice = timedOut
        ? { at: until, optionId: options.some((o) => o.id === fallback) ? fallback : pickedId }
        : { at: at + random() * (until - at), optionId: pickedId };
    }
  };

  enter(pos);
  while (t < CAP) {
    const finished = backend.step(DT);
    t += DT;
    if (scheduler === 'ours') {
      for (const job of backend.jobs.values())
        if (job.live) policy.progress(job.segmentId, backend.readySeconds(job.segmentId), t);
      for (const id of finished) apply(policy.settled(id, 'done', t));
      apply(policy.tick(t));
    }
    if (seg.generate) {
      if (holding && headReady(pos.segmentId, seg.duration)) holding = false;
      const needed = Math.min(seg.duration, (Math.floor(segTime / FRAG) + 1) * FRAG);
      if (holding || backend.readySeconds(pos.segmentId) < needed - 1e-9) {
        into.waitS += DT;
        continue;
      }
    }
    segTime += DT;
    into.watchedS += DT;
    if (choice && chosen === undefined && segTime >= Math.min(choice.at, seg.duration) - 1e-9) {
      chosen = choice.optionId;
      history = [...history, { segmentId: pos.segmentId, optionId: chosen }];
      if (scheduler === 'ours')
        apply(policy.want(commitTargets(story, pos.segmentId, history, Math.max(0, seg.duration - segTime), DEPTH), t));
    }
    if (segTime < seg.duration - 1e-9) continue;
    if (seg.end) break;
    if (seg.choice) {
      const option = seg.choice.options.find((o) => o.id === chosen) as NonNullable<
        Segment['choice']
      >['options'][number];
      enter(applyOption(pos, option));
    } else {
      enter(enterSegment(pos, resolveNext(story, pos) as string));
    }
  }
  into.sessions++;
  into.spentS += backend.spent;
  for (const job of backend.jobs.values()) if (!entered.has(job.segmentId)) into.wastedS += job.spent;
}

/** A branching story: `levels` choice levels, 2–3 options each, 5–9 s segments, all generated but the first. */
function syntheticStory(levels: number, seed: number): Story {
  const random = mulberry32(seed);
  const segments: Story['segments'] = {};
  const grow = (id: string, level: number): void => {
    const duration = 5 + Math.floor(random() * 5);
    const base: Segment =
      id === 'n' ? { media: 'media/n/index.m3u8', duration } : { generate: { prompt: `scene ${id}` }, duration };
    if (level === levels) {
      segments[id] = { ...base, end: true };
      return;
    }
    const count = random() < 0.3 ? 3 : 2;
    const options = Array.from({ length: count }, (_, i) => ({ id: `o${i}`, label: `Option ${i}`, next: `${id}${i}` }));
    segments[id] = {
      ...base,
      choice: { prompt: 'Which way?', at: Math.max(1, duration - 4), until: duration - 1, default: 'o0', options },
    };
    options.forEach((o) => grow(o.next, level + 1));
  };
  grow('n', 0);
  return { offshoot: 1, id: 'synthetic', title: 'Synthetic', start: 'n', state: {}, segments };
}

/** An example story with every segment but the first generated. */
function generatedExample(file: string): Story {
  const story = JSON.parse(readFileSync(file, 'utf8')) as Story;
  for (const [id, segment] of Object.entries(story.segments)) {
    if (id === story.start) continue;
    delete segment.media;
    segment.generate = { prompt: `scene ${id}` };
  }
  return story;
}

const stories: Story[] = [syntheticStory(4, SEED)];
for (const file of readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .sort())
  stories.push(generatedExample(`examples/${file}`));

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (x: number, digits = 2): string => x.toFixed(digits);
const rows: string[][] = [];
const computeRatios: number[] = [];
const readyGains: number[] = [];
const started = performance.now();
for (const story of stories) {
  for (const speed of SPEEDS) {
    for (const workers of WORKERS) {
      const ours = zero();
      const naive = zero();
      for (let v = 0; v < VIEWERS; v++) {
        const seed = SEED * 1_000_003 + v;
        simulate(story, 'ours', speed, workers, mulberry32(seed), ours);
        simulate(story, 'naive', speed, workers, mulberry32(seed), naive);
      }
      const ready = (x: Totals): number => x.ready / Math.max(1, x.branches);
      const perWatched = (x: Totals): number => x.spentS / x.watchedS;
      computeRatios.push(perWatched(naive) / perWatched(ours));
      readyGains.push(ready(ours) - ready(naive));
      rows.push([
        story.id,
        `${speed}×`,
        String(workers),
        pct(ready(ours)),
        pct(ready(naive)),
        num((60 * ours.waitS) / ours.watchedS, 1),
        num((60 * naive.waitS) / naive.watchedS, 1),
        num(perWatched(ours)),
        num(perWatched(naive)),
        `${num(perWatched(naive) / perWatched(ours))}×`,
        pct(ours.wastedS / ours.spentS),
        pct(naive.wastedS / naive.spentS),
      ]);
    }
  }
}

const header = [
  'story',
  'speed',
  'W',
  'ready ours',
  'ready naive',
  'wait s/min ours',
  'wait s/min naive',
  'compute/s ours',
  'compute/s naive',
  'naive/ours',
  'wasted ours',
  'wasted naive',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(
  `lookahead bench: ${VIEWERS} viewers per row, seed ${SEED}, ${FRAG} s segments, head ${HEAD} s, depth ${DEPTH}, K ${K}, step ${DT} s`,
);
console.log(
  'ready = share of branches whose head was playable when the viewer reached them; wait = hold + stall seconds per minute watched;',
);
console.log(
  'compute/s = worker-seconds per second watched; wasted = share of worker time spent on segments the viewer never watched.\n',
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  `\nmedian compute ratio naive/ours: ${num(median(computeRatios))}×; median readiness gain ours − naive: ${(100 * median(readyGains)).toFixed(1)} points (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

// Measures the demo as a viewer meets it: `npx tsx demos/playThrough.ts [paths]`.
// Starts demos/serve.ts (fresh generation store unless KEEP_STORE=1), notes the time to the
// printed URL, then plays the short on the /watch page in chromium once per path (choices
// made 1 s after each choice window opens) and prints, per path, when each segment started,
// whether the generated ones were ready in time (player getStats), stalls and the worst
// gap at a branch. A path is a comma list of option ids, e.g. "robot,sea,lighthouse".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { spawnDemoServer } from './spawnDemoServer.js';

const DEFAULT_PATHS = ['fox,woods,camp', 'robot,sea,lighthouse', 'fox,woods,nose'];
const paths = (process.argv[2] ? process.argv.slice(2) : DEFAULT_PATHS).map((p) => p.split(','));

interface Recorded {
  events: Array<{ type: string; detail: Record<string, unknown>; t: number }>;
  stats: Record<string, unknown> | null;
}

/**
 * Page-side recorder, as source text (tsx would wrap named functions in a helper the page
 * does not have): wraps dispatchEvent to log <offshoot-player> events, takes the planned
 * option 1 s into each choice window (retrying until locked), reads getStats() at the end.
 */
const RECORDER = `function (choices) {
  const rec = (window.__rec = { events: [], stats: null });
  const queue = [...choices];
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    const el = this;
    if (el.localName === 'offshoot-player' && event instanceof CustomEvent) {
      rec.events.push({ type: event.type, detail: event.detail, t: performance.now() });
      if (event.type === 'choicestart' && event.detail.options.some((o) => o.id === queue[0])) {
        const pick = queue.shift();
        const segmentId = event.detail.segmentId;
        const tryChoose = function () {
          if (rec.events.some((e) => e.type === 'choice' && e.detail.segmentId === segmentId)) return;
          rec.events.push({ type: 'choose-called', detail: { segmentId, optionId: pick }, t: performance.now() });
          el.choose(pick);
          setTimeout(tryChoose, 500);
        };
        setTimeout(tryChoose, 1000);
      }
      if (event.type === 'ended') setTimeout(function () { rec.stats = el.getStats(); }, 500);
    }
    return dispatch.call(this, event);
  };
}`;

const store = process.env.KEEP_STORE ? undefined : mkdtempSync(join(tmpdir(), 'offshoot-demo-store-'));
const demo = await spawnDemoServer({ env: store ? { DEMO_STORE: store } : {} });
console.log(
  `URL printed ${(demo.msToUrl / 1000).toFixed(1)} s after spawn (${demo.watchUrl}); store: ${store ?? '.cache/demo-store (kept)'}`,
);
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const plan of paths) {
    const page = await browser.newPage();
    // Before any page script: record the player element's events and take the planned
    // option 1 s into each choice window, the way a viewer would.
    await page.addInitScript(`(${RECORDER})(${JSON.stringify(plan)})`);
    const logFrom = demo.output().length;
    await page.goto(demo.watchUrl);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.click('#play');
    // A path that never ends (a render that never comes) is reported with what happened.
    const ended = await page
      .waitForFunction(() => (window as unknown as { __rec: Recorded }).__rec.stats !== null, null, {
        timeout: 180_000,
      })
      .then(
        () => true,
        () => false,
      );
    const rec = await page.evaluate(() => (window as unknown as { __rec: Recorded }).__rec);
    if (!ended) console.log(`\npath ${plan.join(' → ')}: no ending within 180 s`);
    await page.close();
    report(plan, rec);
    const renders = demo
      .output()
      .slice(logFrom)
      .split('\n')
      .filter((l) => /render \S+ (start|done|cancelled|failed)/.test(l));
    console.log(renders.map((l) => `  ${l.replace(/^\[backend\] /, '')}`).join('\n'));
  }
} finally {
  await browser.close();
  await demo.stop();
  if (store) rmSync(store, { recursive: true, force: true });
}

function report(plan: string[], rec: Recorded): void {
  const t0 = rec.events.find((e) => e.type === 'segmentstart')?.t ?? 0;
  const line = rec.events
    .filter((e) => ['segmentstart', 'choice', 'choose-called', 'error'].includes(e.type))
    .map(
      (e) =>
        `${((e.t - t0) / 1000).toFixed(1)}s ${e.type === 'segmentstart' ? e.detail.segmentId : e.type === 'choose-called' ? `(choose ${String(e.detail.optionId)})` : e.type === 'choice' ? `→${String(e.detail.optionId)}${e.detail.byDefault ? ' (timer)' : ''}` : `ERROR ${String(e.detail.message)}`}`,
    )
    .join('  ');
  const s = rec.stats ?? {};
  console.log(`\npath ${plan.join(' → ')}\n  ${line}`);
  console.log(
    `  branchesReadyInTime ${String(s.branchesReadyInTime ?? 'n/a')}  transitions ${String(s.transitions)}  stalls ${String(s.stalls)} (${String(s.stallMs)} ms)  maxBranchGapMs ${String(s.maxBranchGapMs)}  startupMs ${String(s.startupMs)}  failed [${String(s.failedSegments)}]`,
  );
}

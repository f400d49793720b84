import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './rng.js';

/** Test clips the bench story loops over (contract-following ones; see scripts/make-test-media.ts). */
export const LOOP_CLIPS = ['intro', 'lantern', 'dark', 'home', 'lost', 'a', 'b', 'c'];
/** The ending plays this clip. */
const ENDING_CLIP = 'a';
/** Choices open this far into a segment. */
const CHOICE_AT = 1;

/** One segment of the planned walk, and (except the last) what is chosen in it and when. */
export interface PlanStep {
  segmentId: string;
  /** Media playlist URL, relative to the page (both players get the same URL). */
  url: string;
  /** Sum of the clip's EXTINF durations, s: where the next segment starts on a spliced timeline. */
  mediaSeconds: number;
  /** Seconds into the segment when the script chooses, and what (absent on the ending). */
  chooseAt?: number;
  optionId?: string;
}

export interface BenchPlan {
  seed: number;
  transitions: number;
  steps: PlanStep[];
}

/** Seconds of media in a clip's fMP4 playlist (sum of EXTINF). */
export function clipSeconds(mediaDir: string, clip: string): number {
  const text = readFileSync(join(mediaDir, clip, 'media.m3u8'), 'utf8');
  return [...text.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/**
 * A story that loops through choice points over the test clips (two loop options each, plus
 * a way out to an ending, so it validates), and a seeded walk through it: which option, and
 * a random moment in the choice window (`at` … `until`, which closes `marginSeconds` before
 * the segment ends), for `transitions` branch transitions ending on the ending.
 *
 * @example
 * const { story, plan } = benchStory({ mediaDir: 'test/media', mediaUrl: '/media', transitions: 50, seed: 1, marginSeconds: 0.5 });
 */
export function benchStory(o: {
  mediaDir: string;
  mediaUrl: string;
  transitions: number;
  seed: number;
  marginSeconds: number;
}): { story: object; plan: BenchPlan } {
  if (!Number.isInteger(o.transitions) || o.transitions < 1)
    throw new Error(`--transitions ${o.transitions}: must be a whole number ≥ 1`);
  const random = seededRandom(o.seed);
  const seconds = new Map([...LOOP_CLIPS, ENDING_CLIP].map((c) => [c, clipSeconds(o.mediaDir, c)]));
  const url = (clip: string) => `${o.mediaUrl}/${clip}/index.m3u8`;
  const until = (clip: string) => Math.round((seconds.get(clip)! - o.marginSeconds) * 1000) / 1000;
  const successors = new Map<string, [string, string]>();
  const segments: Record<string, object> = {};
  LOOP_CLIPS.forEach((clip, i) => {
    // Two different other clips: i+1 keeps the loop connected, the second is random.
    const first = LOOP_CLIPS[(i + 1) % LOOP_CLIPS.length]!;
    const others = LOOP_CLIPS.filter((c) => c !== clip && c !== first);
    const second = others[Math.floor(random() * others.length)]!;
    successors.set(clip, [first, second]);
    if (until(clip) - CHOICE_AT < 1)
      throw new Error(
        `--margin ${o.marginSeconds}: clip ${clip} (${seconds.get(clip)} s) leaves a choice window under 1 s`,
      );
    segments[clip] = {
      media: url(clip),
      duration: seconds.get(clip),
      choice: {
        prompt: `After ${clip}?`,
        at: CHOICE_AT,
        until: until(clip),
        default: 'p',
        options: [
          { id: 'p', label: first, next: first },
          { id: 'q', label: second, next: second },
          { id: 'end', label: 'The end', next: 'fin' },
        ],
      },
    };
  });
  segments.fin = { media: url(ENDING_CLIP), duration: seconds.get(ENDING_CLIP), end: true };
  const story = { offshoot: 1, id: 'bench-loop', title: 'Bench loop', start: LOOP_CLIPS[0], state: {}, segments };

  const steps: PlanStep[] = [];
  let clip = LOOP_CLIPS[0]!;
  for (let t = 0; t < o.transitions; t++) {
    const last = t === o.transitions - 1;
    const optionId = last ? 'end' : random() < 0.5 ? 'p' : 'q';
    // 0.25 s short of `until`: the page checks on animation frames, which a busy main thread slows.
    const chooseAt = CHOICE_AT + random() * (until(clip) - CHOICE_AT - 0.25);
    steps.push({
      segmentId: clip,
      url: url(clip),
      mediaSeconds: seconds.get(clip)!,
      chooseAt: Math.round(chooseAt * 1000) / 1000,
      optionId,
    });
    if (!last) clip = successors.get(clip)![optionId === 'p' ? 0 : 1];
  }
  steps.push({ segmentId: 'fin', url: url(ENDING_CLIP), mediaSeconds: seconds.get(ENDING_CLIP)! });
  return { story, plan: { seed: o.seed, transitions: o.transitions, steps } };
}

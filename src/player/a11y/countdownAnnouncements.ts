/** Seconds-left marks at which the time left is read out (besides when the choice opens). */
export const ANNOUNCE_AT_SECONDS = [5, 3] as const;

/**
 * Which mark (if any) to announce now: the smallest mark that `secondsLeft` has just
 * reached and that was not announced yet. Keeps announcements rare (throttled by design).
 *
 * @example
 * const said = new Set<number>();
 * dueAnnouncement(4.9, said); // 5
 * dueAnnouncement(4.8, said); // null
 */
export function dueAnnouncement(secondsLeft: number, said: Set<number>): number | null {
  let due: number | null = null;
  for (const mark of ANNOUNCE_AT_SECONDS) {
    if (secondsLeft <= mark && secondsLeft > 0 && !said.has(mark)) {
      said.add(mark);
      due = mark;
    }
  }
  return due;
}

/**
 * "8 seconds" / "1 second".
 *
 * @example
 * secondsPhrase(1); // "1 second"
 */
export function secondsPhrase(seconds: number): string {
  const n = Math.max(0, Math.ceil(seconds));
  return `${n} ${n === 1 ? 'second' : 'seconds'}`;
}

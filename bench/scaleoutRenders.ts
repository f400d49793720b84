// Why a rendition was rendered more than once in the scale-out run: each start beyond the first
// of a rendition key is put down to the first cause that fits, from the processes' own log lines.

export interface ExtraRenders {
  /** Renditions started at least once, and render starts in all. */
  unique: number;
  starts: number;
  /** Extra starts: the render was lost with the killed worker and taken over elsewhere. */
  killed: number;
  /** Extra starts after a render of the same key was cancelled (withdrawn, then asked for again). */
  afterCancel: number;
  /** Extra starts after a failed render (a retry). */
  afterFailure: number;
  /** Extra starts with none of those causes (two renders of one key at once: coalescing missed). */
  other: number;
}

/**
 * Counts render starts per rendition and sorts the extra ones by cause.
 *
 * @example
 * countExtraRenders([apiLines, worker0Lines, worker1Lines], 1); // worker0 was killed
 */
export function countExtraRenders(processLines: readonly (readonly string[])[], killedIndex: number): ExtraRenders {
  const per = new Map<string, { starts: number; lost: number; cancels: number; failures: number }>();
  const of = (key: string) => {
    let entry = per.get(key);
    if (!entry) per.set(key, (entry = { starts: 0, lost: 0, cancels: 0, failures: 0 }));
    return entry;
  };
  processLines.forEach((lines, index) => {
    const open = new Map<string, number>();
    for (const line of lines) {
      const m = /render (\w{12}) (start|done|cancelled|failed)/.exec(line);
      if (!m) continue;
      const [, key, what] = m as unknown as [string, string, string];
      const entry = of(key);
      if (what === 'start') {
        entry.starts++;
        open.set(key, (open.get(key) ?? 0) + 1);
        continue;
      }
      open.set(key, (open.get(key) ?? 1) - 1);
      if (what === 'cancelled') entry.cancels++;
      if (what === 'failed') entry.failures++;
    }
    // Renders the killed process started and never ended: lost with it.
    if (index === killedIndex) for (const [key, n] of open) if (n > 0) of(key).lost += n;
  });
  const total: ExtraRenders = { unique: 0, starts: 0, killed: 0, afterCancel: 0, afterFailure: 0, other: 0 };
  for (const entry of per.values()) {
    if (entry.starts === 0) continue;
    total.unique++;
    total.starts += entry.starts;
    let extra = entry.starts - 1;
    const take = (n: number): number => {
      const taken = Math.min(extra, n);
      extra -= taken;
      return taken;
    };
    total.killed += take(entry.lost);
    total.afterCancel += take(entry.cancels);
    total.afterFailure += take(entry.failures);
    total.other += extra;
  }
  return total;
}

/** What `enumeratePaths` finds: the shape `offshoot paths --json` prints. */
export interface PathsReport {
  /** Distinct playthroughs (sequences of segment:option choices from the start to an end) within the depth. */
  playthroughs: number;
  /** Every `end` segment → how many of those playthroughs finish there (0 when none does). */
  endings: Record<string, number>;
  /** Options never visible in any explored state, as "segmentId:optionId", in story order. */
  neverShown: string[];
  /** `end` segments no explored playthrough reaches. */
  unreachedEndings: string[];
  /** True when some branch was cut at maxDepth (or routes looped): counts are then lower bounds. */
  truncated: boolean;
}

/** Reported while the search runs. */
export interface PathsProgress {
  /** States expanded so far. */
  explored: number;
  /** Distinct states remembered (the memo). */
  states: number;
}

export interface EnumeratePathsOptions {
  /** Most choices in one playthrough; deeper branches are cut and `truncated` is set. Default 20. */
  maxDepth?: number;
  /** Called every `progressEvery` expanded states, and once at the end. */
  onProgress?: (progress: PathsProgress) => void;
  /** Default 10 000. */
  progressEvery?: number;
}

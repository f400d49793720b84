/** Deepest JSON nesting accepted in a story; deeper is reported, never recursed into. A real story is about 8 deep. */
export const MAX_JSON_DEPTH = 100;

/** At most this many issues of one code are reported; the rest are summed up in one line. */
export const MAX_ISSUES_PER_CODE = 200;

/**
 * Longest story accepted, in characters of JSON text (for a value: characters of its strings
 * and keys, plus one per value). A real story is tens of kilobytes; 10,000 segments with
 * captions is about 3 MB. Longer input is refused before it is parsed or walked.
 */
export const MAX_STORY_CHARACTERS = 8 * 1024 * 1024;

/** Most segments accepted in one story. The checks are linear in segments; this keeps a report within a few seconds. */
export const MAX_SEGMENTS = 10_000;

/** Deepest JSON nesting accepted in a story; deeper is reported, never recursed into. A real story is about 8 deep. */
export const MAX_JSON_DEPTH = 100;

/** At most this many issues of one code are reported; the rest are summed up in one line. */
export const MAX_ISSUES_PER_CODE = 200;

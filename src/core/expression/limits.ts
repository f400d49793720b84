/** Longest expression source accepted, in characters. Keeps parsing and evaluation cheap. */
export const MAX_EXPRESSION_LENGTH = 1000;

/** Deepest nesting of parentheses and unary operators accepted: deeper is an error, never a stack overflow. */
export const MAX_EXPRESSION_DEPTH = 64;

/**
 * Longest string a `+` can make; longer results are cut to this length. Evaluation never
 * throws mid-playback, and without a cap `set: { log: "log + log" }` on a loop doubles the
 * string on every pass (30 loops: a gigabyte).
 */
export const MAX_STRING_VALUE_LENGTH = 10_000;

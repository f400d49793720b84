/** Longest expression source accepted, in characters. Keeps parsing and evaluation cheap. */
export const MAX_EXPRESSION_LENGTH = 1000;

/** Deepest nesting of parentheses and unary operators accepted: deeper is an error, never a stack overflow. */
export const MAX_EXPRESSION_DEPTH = 64;

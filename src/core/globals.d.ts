// The few host globals the core may use: both browsers and Node provide them.
// Declared here because the core compiles without DOM or Node typings (see tsconfig.json).
declare const console: { error(...data: unknown[]): void; warn(...data: unknown[]): void };

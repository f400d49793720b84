// Public entry of the browser SDK: `import { createPlayer } from 'offshoot'`.
export * from '../core/index.js';

import type { StateValue } from './Story.js';

/** The story's variables as the viewer's choices have left them. */
export type Variables = Record<string, StateValue>;

/** How often each segment was entered: what `visits.<segmentId>` reads. */
export type Visits = Record<string, number>;

import type { TokenPolicy } from '../auth/ViewerToken.js';
import type { Generator } from '../generate/Generator.js';
import type { JobQueue } from '../queue/JobQueue.js';
import type { Logger } from '../queue/renderIntoStore.js';
import type { RenditionStore } from '../store/RenditionStore.js';
import type { StoryLibrary } from '../stories/StoryLibrary.js';

import type { ViewerWants } from './ViewerWants.js';

/** What the API routes may use: a narrow host, not the whole server. */
export interface ApiContext {
  stories: StoryLibrary;
  queue: JobQueue;
  store: RenditionStore;
  /** Shared with the embedder's server, which issues viewer tokens. */
  secret: string;
  /** Token lifetime cap and revocations, checked on every authenticated request. */
  tokenPolicy: TokenPolicy;
  /** Per-viewer rate limit: `take` answers 0 (allowed) or the seconds to wait; in this process or in Redis. */
  limiter: { take(viewer: string): number | Promise<number> };
  /** Caps each viewer's unfinished jobs: in this process, or in Redis for the fleet (SharedViewerWants). */
  wants: Pick<ViewerWants, 'cap' | 'submitWithin'> & { drop(viewer: string, key: string): void | Promise<void> };
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  generator: Pick<Generator, 'id' | 'version'>;
  segmentSeconds: number;
  /** Comment line sent on idle SSE streams so proxies keep them open. */
  heartbeatMs: number;
  log: Logger;
}

// A backend process for storeFaults.tmpfs.test.ts, started inside `unshare -rm` with its store
// on a small tmpfs mounted at STORE_DIR: the disk faults are then the kernel's own (ENOSPC when
// the tmpfs is full, EROFS when it is remounted read-only). Prints "url <url>" once listening.
import { startServer } from '../../../src/server/index.js';
import { SECRET } from './caveStory.js';
import { createFfmpegTestGenerator } from './ffmpegTestGenerator.js';

const server = await startServer({
  generator: createFfmpegTestGenerator(),
  port: 0,
  stories: process.env.STORIES_DIR,
  store: process.env.STORE_DIR,
  secret: SECRET,
  log: (message) => console.log(message),
});
console.log(`url ${server.url}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));

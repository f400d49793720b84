// A backend for the load bench in its own process (`node --import tsx loadBackendProcess.ts`),
// so the simulated viewers' work and the backend's (API + CPU painter) do not share one event
// loop. MODE=backend: startServer with the procedural generator on the CPU at 320x180;
// MODE=bare: the canned-reply baseline (RENDITION_DIR: the files it serves). Prints
// "url <url>" once listening, then the backend's log lines; exits on SIGTERM.
import { readFile } from 'node:fs/promises';
import { createProceduralGenerator } from '../../src/server/generate/procedural/createProceduralGenerator.js';
import { startServer } from '../../src/server/index.js';
import { startStaticBackend } from './staticBackend.js';

const env = process.env;
let close: () => Promise<void>;
if (env.MODE === 'bare') {
  const story = JSON.parse(await readFile(env.STORY_FILE as string, 'utf8')) as { id: string };
  const bare = await startStaticBackend(story, env.RENDITION_DIR as string);
  console.log(`url ${bare.url}`);
  close = () => bare.close();
} else {
  const generator = createProceduralGenerator({
    renderer: 'cpu',
    captions: false,
    renditions: [{ name: '180p', width: 320, height: 180, maxrateKbps: 500, level: '3.0' }],
    log: () => undefined,
  });
  const server = await startServer({
    generator,
    port: 0,
    stories: env.STORIES_DIR,
    store: env.STORE_DIR,
    secret: env.SECRET,
    log: (m) => console.log(m),
  });
  if (server.stories.ids().length === 0) throw new Error('the load story did not load');
  console.log(`url ${server.url}`);
  close = async () => {
    await server.close();
    await generator.close();
  };
}
process.on('SIGTERM', () => void close().then(() => process.exit(0)));

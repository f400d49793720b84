// The story the backend tests use: every segment generated except `poster`; `slow` is long
// (cancel and kill tests); `far` is three levels from the start (unreachable from there).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const caveStory = {
  offshoot: 1,
  id: 'cave',
  title: 'Cave',
  start: 'intro',
  state: { brave: false },
  segments: {
    intro: {
      generate: { prompt: 'a lamp in a cave' },
      duration: 2,
      choice: {
        prompt: 'Which way?',
        at: 0.5,
        default: 'left',
        options: [
          { id: 'left', label: 'Left', next: 'left' },
          { id: 'right', label: 'Right', next: 'right', set: { brave: 'true' } },
          { id: 'wait', label: 'Wait', next: 'slow' },
          { id: 'look', label: 'Look at the poster', next: 'poster' },
        ],
      },
    },
    left: { generate: { prompt: 'a narrow tunnel, brave={brave}' }, duration: 2, next: 'deep' },
    right: { generate: { prompt: 'an underground lake, brave={brave}' }, duration: 2, next: 'deep' },
    slow: { generate: { prompt: 'a long wait' }, duration: 20, next: 'deep' },
    poster: { media: 'media/poster/index.m3u8', duration: 2, next: 'deep' },
    deep: { generate: { prompt: 'the deep hall' }, duration: 2, next: 'far' },
    far: { generate: { prompt: 'far away' }, duration: 2, end: true },
  },
};

/** A stories folder with the cave story, a broken story (skipped at load) and a media file. */
export async function makeStoriesDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'offshoot-stories-'));
  await writeFile(join(dir, 'cave.json'), JSON.stringify(caveStory, null, 2));
  await writeFile(join(dir, 'broken.json'), '{ "offshoot": 1, "id": "broken", ');
  await mkdir(join(dir, 'media', 'poster'), { recursive: true });
  await writeFile(join(dir, 'media', 'poster', 'index.m3u8'), '#EXTM3U\n');
  await writeFile(join(dir, 'media', 'poster', 'seg.m4s'), Buffer.alloc(1000, 7));
  await writeFile(join(dir, 'secret.txt'), 'not media');
  return dir;
}

export const SECRET = 'test-secret-0123456789abcdef';

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInkStory } from '../../../src/core/ink/createInkStory.js';
import { initialPosition } from '../../../src/core/rules/initialPosition.js';
import { takeOption } from '../../../src/core/rules/takeOption.js';
import { compiledJson, importInk } from '../../../src/import/ink/importInk.js';
import { httpRequest, postJson } from '../../server/support/httpRequest.js';
import { startTestServer } from '../../server/support/startTestServer.js';
import type { TestServer } from '../../server/support/startTestServer.js';

const INTERCEPT = readFileSync('test/fixtures/third-party/the-intercept/TheIntercept.ink', 'utf8');
let t: TestServer;
let dir: string;
let json: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offshoot-ink-stories-'));
  json = compiledJson(INTERCEPT);
  // The story file: a small static preview that names the compiled ink beside it.
  const { story } = importInk(json, { maxNodes: 5 });
  await writeFile(join(dir, 'intercept.ink.json'), json);
  await writeFile(
    join(dir, 'intercept.json'),
    JSON.stringify({ ...story, id: 'intercept', ink: 'intercept.ink.json' }),
  );
  t = await startTestServer({ stories: dir });
}, 60_000);
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the backend's replay check on an ink-driven story", () => {
  it('accepts the next segment of a history played with inkjs, refuses a forged history (400)', async () => {
    expect(t.logs.join('\n')).toMatch(/stories: 1 loaded \(intercept\)/);
    // The viewer's side: its own inkjs copy of the story, four choices in.
    const viewer = createInkStory(json, { id: 'intercept' }).story;
    let position = initialPosition(viewer);
    const history = [];
    for (let step = 0; step < 4; step++) {
      const option = viewer.segments[position.segmentId]!.choice!.options.at(-1)!;
      history.push({ segmentId: position.segmentId, optionId: option.id });
      position = takeOption(viewer, position, option.id);
    }
    const ahead = viewer.segments[position.segmentId]!.choice!.options[0]!.next;
    const token = t.token('v1', 'intercept');
    const ok = await postJson(t.url, '/api/v1/generate', { storyId: 'intercept', segmentId: ahead, history }, token);
    expect(ok.status, ok.text).toBeLessThan(300);

    const forged = [...history.slice(0, 2), { segmentId: history[2]!.segmentId, optionId: 'Confess-everything' }];
    const bad = await postJson(
      t.url,
      '/api/v1/generate',
      { storyId: 'intercept', segmentId: ahead, history: forged },
      token,
    );
    expect(bad.status).toBe(400);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('bad-history');
  }, 60_000);

  it('serves the story file as written (its preview and "ink") and the compiled ink beside it, and no other JSON', async () => {
    const file = await httpRequest(t.url, '/api/v1/stories/intercept');
    expect(file.status).toBe(200);
    const served = file.json() as { ink?: string; start: string; segments: Record<string, unknown> };
    expect(served.ink).toBe('intercept.ink.json');
    expect(Object.keys(served.segments)).toContain(served.start);
    const ink = await httpRequest(t.url, '/api/v1/stories/intercept/intercept.ink.json');
    expect(ink.status).toBe(200);
    expect(ink.headers['content-type']).toMatch(/^application\/json/);
    expect(ink.text).toBe(json);
    expect((await httpRequest(t.url, '/api/v1/stories/intercept/intercept.json')).status).toBe(404);
  }, 60_000);
});

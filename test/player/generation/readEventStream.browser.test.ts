// The same SSE reader in Chromium: a fetch Response body made of uneven byte chunks.
import { expect, it } from 'vitest';
import { readEventStream } from '../../../src/player/generation/readEventStream.js';

it('reads job events from a streamed Response body in the browser', async () => {
  const text =
    'retry: 2000\n\nevent: progress\ndata: {"jobId":"j","readySeconds":1}\n\n: heartbeat\n\nevent: done\r\ndata: {"jobId":"j","readySeconds":6}\r\n\r\n';
  const bytes = new TextEncoder().encode(text);
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= bytes.length) return controller.close();
      const n = 1 + (i % 7);
      controller.enqueue(bytes.slice(i, i + n));
      i += n;
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  const seen: Array<[string, number]> = [];
  await readEventStream(response.body as ReadableStream<Uint8Array>, (e) =>
    seen.push([e.type, (JSON.parse(e.data) as { readySeconds: number }).readySeconds]),
  );
  expect(seen).toEqual([
    ['progress', 1],
    ['done', 6],
  ]);
});

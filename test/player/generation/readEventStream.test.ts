import { describe, expect, it } from 'vitest';
import type { ServerSentEvent } from '../../../src/player/generation/readEventStream.js';
import { createEventStreamParser, readEventStream } from '../../../src/player/generation/readEventStream.js';

function parse(chunks: string[]): ServerSentEvent[] {
  const seen: ServerSentEvent[] = [];
  const parser = createEventStreamParser((e) => seen.push(e));
  for (const c of chunks) parser.push(c);
  return seen;
}

describe('text/event-stream parser', () => {
  it('reads typed events, multi-line data, ids, retry hints and skips comments', () => {
    const events = parse([
      'retry: 2000\n\n: heartbeat\n\nevent: progress\nid: 7\ndata: {"a":\ndata: 1}\n\ndata:plain\n\n',
    ]);
    expect(events).toEqual([
      { type: 'progress', data: '{"a":\n1}', lastEventId: '7' },
      { type: 'message', data: 'plain', lastEventId: '7' },
    ]);
  });

  it('gives the same events whatever the chunking and line endings (\\n, \\r\\n, \\r)', () => {
    const text = 'event: done\r\ndata: {"x":1}\r\n\r\nevent: p\rdata: 2\r\rdata: 3\n\n';
    const whole = parse([text]);
    expect(whole.map((e) => [e.type, e.data])).toEqual([
      ['done', '{"x":1}'],
      ['p', '2'],
      ['message', '3'],
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parse([...text])).toEqual(whole);
  });

  it('drops an event cut off by the end of the stream (no blank line yet)', () => {
    expect(parse(['data: complete\n\ndata: half'])).toHaveLength(1);
  });

  it('reads a byte stream, decoding UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: café ☕\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    const seen: string[] = [];
    await readEventStream(body, (e) => seen.push(e.data));
    expect(seen).toEqual(['café ☕']);
  });

  it('stops and cancels the stream when the signal aborts', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => undefined), // never sends anything
      cancel: () => void (cancelled = true),
    });
    const controller = new AbortController();
    const reading = readEventStream(body, () => undefined, controller.signal);
    controller.abort(new Error('stop'));
    await expect(reading).rejects.toThrow('stop');
    expect(cancelled).toBe(true);
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ headersTimeoutMs: 600, requestTimeoutMs: 1200 });
});
afterAll(() => t.stop());

/** Opens a socket, sends `start`, then nothing more; resolves with what the server said and when it closed. */
function stall(start: string): Promise<{ reply: string; ms: number }> {
  const url = new URL(t.url);
  const began = Date.now();
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(start));
    socket.setEncoding('latin1').on('data', (c: string) => (reply += c));
    socket.on('close', () => resolve({ reply, ms: Date.now() - began }));
    socket.on('error', () => undefined);
  });
}

describe('slow clients cannot hold the server', () => {
  it('drops a client that never finishes its headers (408)', async () => {
    const { reply, ms } = await stall('POST /api/v1/generate HTTP/1.1\r\nHost: x\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });

  it('drops a client that trickles its body (408) and keeps serving others', async () => {
    const body = '{"storyId":"cave","segmentId":"intro","history":[]}';
    const { reply, ms } = await stall(
      `POST /api/v1/generate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.token('slow')}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    expect(reply).toMatch(/408/);
    expect(ms).toBeLessThan(5_000);
    expect((await postJson(t.url, '/api/v1/generate', JSON.parse(body), t.token('fast'))).status).toBe(202);
  });
});

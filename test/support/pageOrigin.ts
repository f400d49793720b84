// A loopback HTTP server as the page's origin for node tests of player code: the player
// resolves segment URLs against `document.baseURI`, and in node there is no page.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';

/**
 * Listens on an ephemeral loopback port and stubs `document.baseURI` to it; resolves with the origin.
 *
 * @example
 * let origin = '';
 * beforeAll(async () => (origin = await listenAsPage(server)));
 * afterAll(() => closePage(server));
 */
export async function listenAsPage(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubGlobal('document', { baseURI: `${origin}/` });
  return origin;
}

/** Undoes `listenAsPage`: the stub goes, the server closes. */
export async function closePage(server: Server): Promise<void> {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

import { describe, expect, expectTypeOf, test } from 'vitest';
import { GenerationError, errorFromResponse } from '../../../src/player/generation/GenerationError.js';
import type { GenerationErrorCode } from '../../../src/player/generation/GenerationError.js';

const reply = (status: number, body: string, type = 'application/json') =>
  new Response(body, { status, headers: { 'content-type': type } });

describe('GenerationError codes', () => {
  test('the code is a union: the client codes, the backend codes and http-<status>', () => {
    expectTypeOf(new GenerationError('network', 'x').code).toEqualTypeOf<GenerationErrorCode>();
    expectTypeOf<'token-expired'>().toExtend<GenerationErrorCode>();
    expectTypeOf<'http-418'>().toExtend<GenerationErrorCode>();
    // @ts-expect-error not a code anyone gives
    void new GenerationError('netwrok', 'x');
  });

  test('errorFromResponse: the backend code when the body has one, else one from the status', async () => {
    const coded = await errorFromResponse(
      reply(403, JSON.stringify({ error: { code: 'token-expired', message: 'too old' } })),
      'POST /api/v1/generate',
    );
    expect([coded.code, coded.status, coded.message]).toEqual([
      'token-expired',
      403,
      'POST /api/v1/generate: too old (HTTP 403)',
    ]);
    const byStatus = await Promise.all(
      [401, 429, 503, 418].map((s) => errorFromResponse(reply(s, '<html>proxy</html>', 'text/html'), 'GET /x')),
    );
    expect(byStatus.map((e) => e.code)).toEqual(['unauthorized', 'rate-limited', 'server-error', 'http-418']);
  });
});

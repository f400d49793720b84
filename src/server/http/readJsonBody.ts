import type { IncomingMessage } from 'node:http';
import { HttpError } from './HttpError.js';

/**
 * Reads a JSON request body of at most `limit` bytes. A declared or actual size past the limit
 * is a 413 (reading stops at once); a wrong content type is a 415; bad JSON is a 400 naming
 * the parser's complaint.
 *
 * @example
 * const body = await readJsonBody(req, 16 * 1024);
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the body as Content-Type: application/json');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away or timed out mid-body: nothing to answer, nothing to log.
    throw new HttpError(400, 'body-incomplete', 'Request body was not completed');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'bad-json', `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body-too-large', `Request body exceeds ${limit} bytes`, { Connection: 'close' });
}

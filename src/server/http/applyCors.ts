import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the player, which is embedded on other origins. Credentials are never needed
 * (auth is a bearer token), so a wildcard origin is safe by default. Answers preflights
 * itself; returns true when the request is fully handled.
 *
 * @example
 * if (applyCors(req, res, '*')) return;
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowOrigin: string): boolean {
  res.setHeader('Access-Control-Allow-Origin', allowOrigin);
  if (allowOrigin !== '*') res.setHeader('Vary', 'Origin');
  // Resource Timing on another origin reports sizes and responseStart only with TAO: the
  // player's bitrate estimate reads them (src/player/playback/ThroughputMeter.ts).
  res.setHeader('Timing-Allow-Origin', allowOrigin);
  // Content-Location: a story from GET /api/v1/stories/:id names its story.json URL there,
  // which its relative media URLs resolve against; a page on another origin must see it.
  res.setHeader(
    'Access-Control-Expose-Headers',
    'Content-Length, Content-Range, Accept-Ranges, ETag, Retry-After, Content-Location',
  );
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Range, If-None-Match, If-Range, Last-Event-ID',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}

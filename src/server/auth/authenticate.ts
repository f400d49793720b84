import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/HttpError.js';
import { TokenError, verifyViewerToken } from './ViewerToken.js';
import type { TokenPolicy, ViewerClaims } from './ViewerToken.js';

/**
 * The viewer behind a request's `Authorization: Bearer <token>`, or a 401 that says what is
 * wrong (missing, malformed, forged, expired, living too long, issued in the future, revoked).
 *
 * @example
 * const viewer = authenticate(req, secret, { maxLifetimeSeconds: 3600 }); // { sub, story, exp }
 */
export function authenticate(req: IncomingMessage, secret: string, policy: TokenPolicy = {}): ViewerClaims {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new HttpError(401, 'token-missing', 'Send a viewer token as Authorization: Bearer <token>', {
      'WWW-Authenticate': 'Bearer',
    });
  }
  try {
    return verifyViewerToken(match[1] as string, secret, Date.now() / 1000, policy);
  } catch (error) {
    if (error instanceof TokenError) {
      throw new HttpError(401, error.code, error.message, { 'WWW-Authenticate': `Bearer error="invalid_token"` });
    }
    throw error;
  }
}

/** A 403 unless the token was issued for `storyId` (or for every story, "*"). */
export function requireStoryScope(claims: ViewerClaims, storyId: string): void {
  if (claims.story !== '*' && claims.story !== storyId) {
    throw new HttpError(403, 'token-wrong-story', `This token is for story "${claims.story}", not "${storyId}"`);
  }
}

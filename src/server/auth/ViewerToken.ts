import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a viewer token says: who, for which story ("*" = any), until when (Unix seconds). */
export interface ViewerClaims {
  sub: string;
  story: string;
  exp: number;
}

const PREFIX = 'ofs1';

/**
 * Issues a viewer token: `ofs1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`, signed
 * over "ofs1.<claims>" with the secret the embedder shares with this backend. The embedder's
 * own server issues it after its own login; the player sends it as `Authorization: Bearer`.
 *
 * @example
 * signViewerToken({ sub: 'viewer-42', story: 'lantern', exp: Math.floor(Date.now() / 1000) + 3600 }, secret);
 */
export function signViewerToken(claims: ViewerClaims, secret: string): string {
  checkSecret(secret);
  const body = Buffer.from(JSON.stringify({ sub: claims.sub, story: claims.story, exp: claims.exp })).toString('base64url');
  return `${PREFIX}.${body}.${mac(`${PREFIX}.${body}`, secret)}`;
}

/** Why a token was refused. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code: 'token-malformed' | 'token-signature' | 'token-expired',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a token's signature (constant time) and expiry and returns its claims, or throws a
 * TokenError. Story scoping is the caller's check (the story is in the request body).
 *
 * @example
 * const { sub } = verifyViewerToken(token, secret); // throws TokenError when forged or expired
 */
export function verifyViewerToken(token: string, secret: string, nowSeconds = Date.now() / 1000): ViewerClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) throw new TokenError('token-malformed', 'Token is not an Offshoot viewer token (ofs1.<claims>.<signature>)');
  const [, body = '', signature = ''] = parts;
  const expected = Buffer.from(mac(`${PREFIX}.${body}`, secret), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenError('token-signature', 'Token signature does not match');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('token-malformed', 'Token claims are not JSON');
  }
  if (!isClaims(claims)) throw new TokenError('token-malformed', 'Token claims need sub (string), story (string) and exp (number)');
  if (claims.exp <= nowSeconds) throw new TokenError('token-expired', `Token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  return claims;
}

function mac(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function checkSecret(secret: string): void {
  if (secret.length < 16) throw new Error('The token secret must be at least 16 characters');
}

function isClaims(value: unknown): value is ViewerClaims {
  const c = value as ViewerClaims | null;
  return (
    !!c && typeof c === 'object' && typeof c.sub === 'string' && c.sub.length > 0 && c.sub.length <= 256 &&
    typeof c.story === 'string' && c.story.length > 0 && typeof c.exp === 'number' && Number.isFinite(c.exp)
  );
}

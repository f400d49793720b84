import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a viewer token says: who, for which story ("*" = any), until when (Unix seconds);
 * optionally when it was issued (`iat`, Unix seconds) and its own id (`jti`), which make a
 * token revocable on its own (see TokenRevocations).
 */
export interface ViewerClaims {
  sub: string;
  story: string;
  exp: number;
  iat?: number;
  jti?: string;
}

/** Longest a token may live (exp − iat, or exp − now without iat): one day. */
export const DEFAULT_MAX_TOKEN_LIFETIME = 86_400;
/** Clocks of the issuer and this backend may differ by this much (seconds). */
const CLOCK_SKEW = 60;

/** Checks beyond signature and expiry (see verifyViewerToken). */
export interface TokenPolicy {
  /** Refuse tokens that live longer than this (seconds). Default DEFAULT_MAX_TOKEN_LIFETIME. */
  maxLifetimeSeconds?: number;
  /** Why these claims are revoked, or undefined when they are not. */
  revoked?: (claims: ViewerClaims) => string | undefined;
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
  const { sub, story, exp, iat, jti } = claims;
  const body = Buffer.from(
    JSON.stringify({ sub, story, exp, ...(iat === undefined ? {} : { iat }), ...(jti === undefined ? {} : { jti }) }),
  ).toString('base64url');
  return `${PREFIX}.${body}.${mac(`${PREFIX}.${body}`, secret)}`;
}

/** Why a token was refused. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code:
      | 'token-malformed'
      | 'token-signature'
      | 'token-expired'
      | 'token-lifetime'
      | 'token-not-yet-valid'
      | 'token-revoked',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a token's signature (constant time), expiry, lifetime (at most
 * `policy.maxLifetimeSeconds`, and not issued in the future) and revocation, and returns its
 * claims, or throws a TokenError. Story scoping is the caller's check (the story is in the
 * request body).
 *
 * @example
 * const { sub } = verifyViewerToken(token, secret); // throws TokenError when forged, expired or revoked
 */
export function verifyViewerToken(
  token: string,
  secret: string,
  nowSeconds = Date.now() / 1000,
  policy: TokenPolicy = {},
): ViewerClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX)
    throw new TokenError('token-malformed', 'Token is not an Offshoot viewer token (ofs1.<claims>.<signature>)');
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
  if (!isClaims(claims))
    throw new TokenError('token-malformed', 'Token claims need sub (string), story (string) and exp (number)');
  if (claims.exp <= nowSeconds)
    throw new TokenError('token-expired', `Token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (claims.iat !== undefined && claims.iat > nowSeconds + CLOCK_SKEW) {
    throw new TokenError(
      'token-not-yet-valid',
      `Token is issued in the future (iat ${new Date(claims.iat * 1000).toISOString()})`,
    );
  }
  const max = policy.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME;
  // Without iat, what is left of it counts: a token valid for a year is refused either way.
  const lifetime = claims.exp - (claims.iat ?? nowSeconds);
  if (lifetime > max + CLOCK_SKEW)
    throw new TokenError(
      'token-lifetime',
      `Token lives ${Math.round(lifetime)} s; this backend accepts at most ${max} s (issue shorter-lived tokens)`,
    );
  const revoked = policy.revoked?.(claims);
  if (revoked) throw new TokenError('token-revoked', revoked);
  const { sub, story, exp, iat, jti } = claims;
  return { sub, story, exp, ...(iat === undefined ? {} : { iat }), ...(jti === undefined ? {} : { jti }) };
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
    !!c &&
    typeof c === 'object' &&
    typeof c.sub === 'string' &&
    c.sub.length > 0 &&
    c.sub.length <= 256 &&
    typeof c.story === 'string' &&
    c.story.length > 0 &&
    typeof c.exp === 'number' &&
    Number.isFinite(c.exp) &&
    (c.iat === undefined || (typeof c.iat === 'number' && Number.isFinite(c.iat))) &&
    (c.jti === undefined || (typeof c.jti === 'string' && c.jti.length > 0 && c.jti.length <= 128))
  );
}

import type { ViewerClaims } from './ViewerToken.js';

/**
 * Tokens this backend refuses before they expire: one token by its `jti`, or every token of a
 * viewer issued up to a moment (by `iat`; a token without `iat` counts as issued at the
 * beginning of time, so it is covered too). A captured token replayed after its revocation is
 * a 401 `token-revoked`. Entries are forgotten once every token they cover has expired
 * anyway (the backend refuses tokens that live longer than `maxLifetimeSeconds`).
 *
 * Per process; with `--redis`, SharedRevocations shares them across every API process.
 *
 * @example
 * const revocations = new TokenRevocations();
 * revocations.revokeToken('4f1c…', claims.exp); // that token only
 * revocations.revokeViewer('viewer-42');       // every token viewer-42 holds now
 * verifyViewerToken(token, secret, undefined, { revoked: (c) => revocations.reason(c) });
 */
export class TokenRevocations {
  /** jti → until when (Unix seconds) it must be remembered. */
  private readonly tokens = new Map<string, number>();
  /** sub → tokens issued at or before this (Unix seconds) are refused; and until when to remember. */
  private readonly viewers = new Map<string, { before: number; until: number }>();

  constructor(
    protected readonly maxLifetimeSeconds: number,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  /** Refuses the token with this `jti` from now on (remembered until `exp`). */
  revokeToken(jti: string, exp: number = this.now() + this.maxLifetimeSeconds): void {
    this.tokens.set(jti, Math.max(exp, this.tokens.get(jti) ?? 0));
    this.sweep();
  }

  /** Refuses every token of `sub` issued at or before `before` (default: now). */
  revokeViewer(sub: string, before: number = this.now()): void {
    this.viewers.set(sub, {
      before: Math.max(before, this.viewers.get(sub)?.before ?? 0),
      until: before + this.maxLifetimeSeconds + 60,
    });
    this.sweep();
  }

  /** Why `claims` are revoked, or undefined. */
  reason(claims: ViewerClaims): string | undefined {
    if (claims.jti !== undefined && this.tokens.has(claims.jti)) return `Token ${claims.jti} was revoked`;
    const viewer = this.viewers.get(claims.sub);
    if (viewer && (claims.iat ?? -Infinity) <= viewer.before)
      return `Tokens of viewer "${claims.sub}" issued before ${new Date(viewer.before * 1000).toISOString()} were revoked`;
    return undefined;
  }

  /** Entries still remembered (for leak checks). */
  size(): number {
    return this.tokens.size + this.viewers.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [jti, until] of this.tokens) if (until <= now) this.tokens.delete(jti);
    for (const [sub, v] of this.viewers) if (v.until <= now) this.viewers.delete(sub);
  }
}

import type { Redis } from 'ioredis';
import { TokenRevocations } from './TokenRevocations.js';

type Revocation = { kind: 'token'; jti: string; exp: number } | { kind: 'viewer'; sub: string; before: number };

/**
 * Token revocations for a fleet of API processes on one Redis (`offshoot serve --redis`): a
 * revocation made on any process is stored in Redis and published; every process applies it
 * to its own copy (checked synchronously on each request, as TokenRevocations is) and loads
 * the stored ones when it starts. Revoking resolves once Redis has it.
 *
 * @example
 * const revocations = new SharedRevocations(86_400, redis, subscriber, 'offshoot:offshoot-render');
 * await revocations.ready();
 * await revocations.revokeViewer('viewer-42'); // every API process refuses viewer-42's tokens now
 */
export class SharedRevocations extends TokenRevocations {
  private readonly hash: string;
  private readonly channel: string;

  constructor(
    maxLifetimeSeconds: number,
    private readonly redis: Redis,
    /** A connection of its own: it is put in subscriber mode. */
    private readonly subscriber: Redis,
    prefix: string,
  ) {
    super(maxLifetimeSeconds);
    this.hash = `${prefix}:revocations`;
    this.channel = `${prefix}:revoked`;
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.apply(message);
    });
  }

  /** Subscribes, then loads what other processes revoked before this one started. */
  async ready(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    for (const message of Object.values(await this.redis.hgetall(this.hash))) this.apply(message);
  }

  override revokeToken(jti: string, exp?: number): Promise<void> {
    super.revokeToken(jti, exp);
    return this.share({ kind: 'token', jti, exp: exp ?? Date.now() / 1000 + this.maxLifetimeSeconds }, `t:${jti}`);
  }

  override revokeViewer(sub: string, before: number = Date.now() / 1000): Promise<void> {
    super.revokeViewer(sub, before);
    return this.share({ kind: 'viewer', sub, before }, `v:${sub}`);
  }

  private async share(revocation: Revocation, field: string): Promise<void> {
    const message = JSON.stringify(revocation);
    await this.redis
      .multi()
      .hset(this.hash, field, message)
      // Every entry is useless once the tokens it covers have expired: keep the hash that long.
      .expire(this.hash, Math.ceil(this.maxLifetimeSeconds + 60))
      .publish(this.channel, message)
      .exec();
  }

  private apply(message: string): void {
    let r: Revocation;
    try {
      r = JSON.parse(message) as Revocation;
    } catch {
      return; // not ours
    }
    if (r.kind === 'token') super.revokeToken(r.jti, r.exp);
    else if (r.kind === 'viewer') super.revokeViewer(r.sub, r.before);
  }
}

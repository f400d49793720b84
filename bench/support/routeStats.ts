import { quantile } from './quantile.js';

/** Latencies and statuses per route, for the load bench. */
export class RouteStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly statuses = new Map<string, number>();
  requests = 0;

  /** Records one finished request of `route` (status 0 = network error, `detail` its code). */
  add(route: string, ms: number, status: number, detail = ''): void {
    this.requests++;
    let list = this.latencies.get(route);
    if (!list) this.latencies.set(route, (list = []));
    list.push(ms);
    const bucket = status === 0 ? `network error${detail ? ` ${detail}` : ''}` : String(status);
    this.statuses.set(bucket, (this.statuses.get(bucket) ?? 0) + 1);
  }

  routes(): string[] {
    return [...this.latencies.keys()].sort();
  }

  count(route: string): number {
    return this.latencies.get(route)?.length ?? 0;
  }

  /** The q-quantile (0..1) of `route`'s latencies in ms (the benches' one definition: bench/support/quantile.ts). */
  quantile(route: string, q: number): number | undefined {
    const list = this.latencies.get(route) ?? [];
    return list.length === 0 ? undefined : quantile(list, q);
  }

  /** How many replies had `status`. */
  status(status: number): number {
    return this.statuses.get(String(status)) ?? 0;
  }

  /** Replies that are neither 2xx/3xx nor the per-viewer caps' 429. */
  errors(): number {
    let n = 0;
    for (const [status, count] of this.statuses)
      if (status.startsWith('network error') || (Number(status) >= 400 && status !== '429')) n += count;
    return n;
  }

  statusSummary(): string {
    return [...this.statuses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
  }
}

/** Latencies and statuses per route, for the load bench. */
export class RouteStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly statuses = new Map<string, number>();
  requests = 0;

  /** Records one finished request of `route` (status 0 = network error). */
  add(route: string, ms: number, status: number): void {
    this.requests++;
    let list = this.latencies.get(route);
    if (!list) this.latencies.set(route, (list = []));
    list.push(ms);
    const bucket = status === 0 ? 'network error' : String(status);
    this.statuses.set(bucket, (this.statuses.get(bucket) ?? 0) + 1);
  }

  routes(): string[] {
    return [...this.latencies.keys()].sort();
  }

  count(route: string): number {
    return this.latencies.get(route)?.length ?? 0;
  }

  /** The q-quantile (0..1) of `route`'s latencies in ms, nearest rank. */
  quantile(route: string, q: number): number | undefined {
    const list = [...(this.latencies.get(route) ?? [])].sort((a, b) => a - b);
    if (list.length === 0) return undefined;
    return list[Math.min(list.length - 1, Math.max(0, Math.ceil(q * list.length) - 1))];
  }

  /** How many replies had `status` ('network error' for failed connections). */
  status(status: number | 'network error'): number {
    return this.statuses.get(String(status)) ?? 0;
  }

  /** Replies that are neither 2xx/3xx nor the per-viewer caps' 429. */
  errors(): number {
    let n = 0;
    for (const [status, count] of this.statuses) if (status === 'network error' || (Number(status) >= 400 && status !== '429')) n += count;
    return n;
  }

  statusSummary(): string {
    return [...this.statuses].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`).join(', ');
  }
}

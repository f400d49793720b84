/**
 * A Map that keeps only its `limit` most recently set keys: for facts a long-running process
 * learns about every job it sees (the durations BullMqQueue uses to describe jobs BullMQ has
 * already removed) and must not hold forever.
 *
 * @example
 * const durations = new RecentMap<string, number>(10_000);
 * durations.set(key, 4); // the oldest key goes once there are 10 000
 */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new Error(`RecentMap: limit must be ≥ 1, got ${limit}`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Sets `key` as the newest entry, dropping the oldest past the limit. */
  set(key: K, value: V): this {
    this.map.delete(key); // re-inserting moves it to the end of the insertion order
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
    return this;
  }
}

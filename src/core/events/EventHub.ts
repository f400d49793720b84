/**
 * One typed event hub per subsystem: the single way modules talk (the hls.js pattern).
 * `Events` maps each event name to its payload type.
 *
 * @example
 * interface EngineEvents { segmentstart: { segmentId: string } }
 * const hub = new EventHub<EngineEvents>();
 * const off = hub.on('segmentstart', (e) => console.log(e.segmentId));
 * hub.emit('segmentstart', { segmentId: 'intro' });
 * off();
 */
export type Handler<T> = (payload: T) => void;

export class EventHub<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<Handler<never>>>();

  /** Subscribe; returns the function that unsubscribes. */
  on<K extends keyof Events>(type: K, handler: Handler<Events[K]>): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as Handler<never>);
    return () => this.off(type, handler);
  }

  off<K extends keyof Events>(type: K, handler: Handler<Events[K]>): void {
    this.handlers.get(type)?.delete(handler as Handler<never>);
  }

  /**
   * Deliver to every handler. A throwing handler is reported through `onHandlerError`
   * and never stops the others: an embedder's bug must not break playback.
   */
  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    const set = this.handlers.get(type);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as Handler<Events[K]>)(payload);
      } catch (error) {
        this.onHandlerError(error, String(type));
      }
    }
  }

  /** Number of handlers, for leak checks in tests. */
  listenerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  removeAll(): void {
    this.handlers.clear();
  }

  protected onHandlerError(error: unknown, type: string): void {
    console.error(`[offshoot] a "${type}" handler threw`, error);
  }
}

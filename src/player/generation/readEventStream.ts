/**
 * A `text/event-stream` (Server-Sent Events) parser over a fetch body.
 *
 * Why not `EventSource`: it cannot send an `Authorization` header, does not exist in
 * Node 20, and retries forever on its own. Reading the stream from `fetch` gives one code
 * path in browsers and Node, with our headers, our retry policy and an AbortSignal.
 */

/** One dispatched event, as the SSE spec defines it. */
export interface ServerSentEvent {
  /** `event:` field; "message" when absent. */
  type: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** Last `id:` seen on the stream (persists across events, as in the spec). */
  lastEventId: string;
  /** `retry:` hint in ms, when the server sent one. */
  retry?: number;
}

/**
 * Read `body` to its end, calling `onEvent` for each complete event. Resolves when the
 * stream ends; rejects when it errors or `signal` aborts (the reader is cancelled, which
 * closes the connection).
 *
 * @example
 * const res = await fetch(url, { headers: { authorization: `Bearer ${t}` }, signal });
 * await readEventStream(res.body!, (e) => console.log(e.type, JSON.parse(e.data)), signal);
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerSentEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const parser = createEventStreamParser(onEvent);
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => undefined);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/**
 * The incremental parser behind `readEventStream`: feed it text in arbitrary chunks.
 *
 * @example
 * const p = createEventStreamParser((e) => seen.push(e));
 * p.push('data: {"a"'); p.push(':1}\n\n'); // one event, data '{"a":1}'
 */
export function createEventStreamParser(onEvent: (event: ServerSentEvent) => void): { push(text: string): void } {
  let buffer = '';
  let type = '';
  let data: string[] = [];
  let lastEventId = '';
  let retry: number | undefined;
  let skipLeadingLf = false;

  const dispatch = (): void => {
    if (data.length > 0) {
      const event: ServerSentEvent = { type: type || 'message', data: data.join('\n'), lastEventId };
      if (retry !== undefined) event.retry = retry;
      onEvent(event);
    }
    type = '';
    data = [];
    retry = undefined;
  };

  const line = (text: string): void => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return; // comment / keep-alive
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };

  return {
    push(text: string): void {
      buffer += text;
      // Lines end with \r\n, \n or \r; a \r at a chunk's end may be followed by \n in the next.
      for (;;) {
        if (skipLeadingLf && buffer.length > 0) {
          if (buffer.startsWith('\n')) buffer = buffer.slice(1);
          skipLeadingLf = false;
        }
        const end = buffer.search(/[\r\n]/);
        if (end === -1) return;
        const isCr = buffer[end] === '\r';
        line(buffer.slice(0, end));
        if (isCr && buffer[end + 1] === '\n') buffer = buffer.slice(end + 2);
        else {
          buffer = buffer.slice(end + 1);
          if (isCr) skipLeadingLf = true;
        }
      }
    },
  };
}

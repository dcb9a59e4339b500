/**
 * One Server-Sent Events message, as the HTML standard's event-stream parser dispatches it.
 *
 * @example
 * ```ts
 * const m: SseMessage = { event: 'change', data: '{"event":…}', id: '42' };
 * ```
 */
export interface SseMessage {
  /** The `event:` field; `'message'` when absent. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The `id:` field of this message, if it had one. */
  id: string | undefined;
  /** The `retry:` field (reconnection time in ms), if it had one. */
  retry: number | undefined;
}

/**
 * An incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it decoded text in chunks of
 * any size (a line may be split across chunks, CR, LF and CRLF all end lines); it returns the
 * messages completed so far. Comments (`: ping`) are skipped; a message with no data is not
 * dispatched.
 *
 * @example
 * ```ts
 * const parser = new SseParser();
 * parser.push('id: 7\nevent: change\nda');
 * parser.push('ta: {}\n\n'); // [{ id: '7', event: 'change', data: '{}', retry: undefined }]
 * ```
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;
  #retry: number | undefined;
  #pendingCr = false;

  push(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    let text = chunk;
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.#buffer);
      if (!m) break;
      if (m[0] === '\r' && m.index === this.#buffer.length - 1) this.#pendingCr = true;
      const line = this.#buffer.slice(0, m.index);
      this.#buffer = this.#buffer.slice(m.index + m[0].length);
      const message = this.#line(line);
      if (message) out.push(message);
    }
    return out;
  }

  #line(line: string): SseMessage | undefined {
    if (line === '') {
      const data = this.#data;
      const message: SseMessage = { event: this.#event || 'message', data: data.join('\n'), id: this.#id, retry: this.#retry };
      this.#data = [];
      this.#event = '';
      this.#id = undefined;
      this.#retry = undefined;
      return data.length ? message : undefined;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.#retry = Number(value);
    return undefined;
  }
}

/**
 * Reads a `text/event-stream` body (fetch's `ReadableStream`) as messages. `onChunk` is called on
 * every chunk received, comments included (a heartbeat for idle detection).
 *
 * @example
 * ```ts
 * for await (const m of readSse(response.body!)) console.log(m.id, m.data);
 * ```
 */
export async function* readSse(body: ReadableStream<Uint8Array>, onChunk?: () => void): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onChunk?.();
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    // Frees the connection when the consumer stops early; harmless after the end.
    reader.cancel().catch(() => {});
  }
}

import type { AnyJson } from './harness.js';

/** One parsed Server-Sent Events message. */
export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: AnyJson;
}

/** Opens an event stream over HTTP and reads its messages one by one. */
export async function openEventStream(url: string, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`stream refused: ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: SseMessage[] = [];
  let ended = false;

  const pull = async (): Promise<boolean> => {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      return false;
    }
    buffer += value;
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const m: SseMessage = { id: undefined, event: undefined, data: undefined };
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const [field, ...rest] = line.split(':');
        const v = rest.join(':').replace(/^ /, '');
        if (field === 'id') m.id = v;
        if (field === 'event') m.event = v;
        if (field === 'data') data = data === undefined ? v : `${data}\n${v}`;
      }
      if (data !== undefined) {
        m.data = JSON.parse(data);
        queue.push(m);
      }
      cut = buffer.indexOf('\n\n');
    }
    return true;
  };

  return {
    response: res,
    /** The next message, failing after `ms`. */
    async next(ms = 5000): Promise<SseMessage> {
      const deadline = Date.now() + ms;
      while (queue.length === 0) {
        if (ended) throw new Error('the stream ended');
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now())));
        const got = await Promise.race([pull(), timer]);
        if (got === 'timeout') throw new Error('no message in time');
      }
      return queue.shift() as SseMessage;
    },
    /** Resolves true once the server ends the stream. */
    async ended(ms = 5000): Promise<boolean> {
      const deadline = Date.now() + ms;
      while (!ended && Date.now() < deadline) {
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now())));
        if ((await Promise.race([pull(), timer])) === 'timeout') break;
      }
      return ended;
    },
    close() {
      controller.abort();
    },
  };
}

import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { HttpProblem } from './problem.js';
import { incomingOf, requestHeader } from './request-header.js';

/** The largest request body accepted (a complaint with attachments' metadata is far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * @internal decodes UTF-8, a leading BOM dropped; a byte sequence that is not UTF-8 throws (it was
 * once replaced with U+FFFD, so a name sent in GBK was stored as replacement characters).
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** @internal the body's bytes as text, or a 400 problem when they are not UTF-8. */
function decodeUtf8(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) return '';
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new HttpProblem(400, 'validation_failed', 'the body is not valid UTF-8; send JSON encoded as UTF-8 (RFC 8259), not GBK, Big5 or Latin-1', {
      errors: [{ path: '', message: 'the body is not valid UTF-8' }],
    });
  }
}

/** @internal the 413 problem; the connection is closed after it, as the rest of the body stays unread. */
function tooLarge(c: Context<AppEnv> | undefined): HttpProblem {
  c?.header('connection', 'close');
  return new HttpProblem(413, 'validation_failed', 'the body is larger than 1 MiB', { errors: [{ path: '', message: 'the body is too large' }] });
}

/**
 * Refuses a body whose `Content-Length` is over {@link MAX_BODY_BYTES} with a 413 problem (thrown)
 * before anything else runs; a body sent without a length (chunked) is counted while
 * {@link readBodyText} reads it. Unlike `hono/body-limit` it never builds a web `Request` to look at
 * the body (that cost every request, `GET /v1/me` too, an undici Request and its streams).
 *
 * @example
 * ```ts
 * refuseLargeBody(c); // throws the 413 for Content-Length: 2000000
 * ```
 */
export function refuseLargeBody(c: Context<AppEnv>): void {
  const length = requestHeader(c, 'content-length');
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) throw tooLarge(c);
}

/** @internal reads a Node request's body, at most `MAX_BODY_BYTES`. */
function readIncoming(incoming: IncomingMessage, c: Context<AppEnv>): Promise<string> {
  if (incoming.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done();
        reject(tooLarge(c));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      try {
        resolve(decodeUtf8(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
      } catch (e) {
        reject(e);
      }
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onClose = () => {
      done();
      reject(new HttpProblem(400, 'validation_failed', 'the request ended before its body', { errors: [{ path: '', message: 'the body is incomplete' }] }));
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** @internal reads a web Request's body, at most `MAX_BODY_BYTES`. */
async function readRequest(request: Request, c: Context<AppEnv> | undefined): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge(c);
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks, size));
}

/**
 * Whether `source` is a Hono context rather than a `Request`. Not `instanceof Request`:
 * `@hono/node-server` replaces the global `Request` with its own class, and another copy of it in the
 * same process (a host's own Hono app, or a second build of this service) replaces it again, after
 * which this server's requests are no longer instances of the global one.
 *
 * @example
 * ```ts
 * const type = isContext(source) ? source.req.header('content-type') : source.headers.get('content-type');
 * ```
 */
export const isContext = (source: Context<AppEnv> | Request): source is Context<AppEnv> => 'req' in source;

/**
 * A request body as text, at most {@link MAX_BODY_BYTES} (over it: a 413 problem; bytes that are not
 * UTF-8: a 400 problem). Given the Hono
 * context under `@hono/node-server` it reads Node's request directly, without building a web
 * `Request` and its streams; given a `Request` (or elsewhere) it reads that.
 *
 * @example
 * ```ts
 * const text = await readBodyText(c);
 * ```
 */
export function readBodyText(source: Context<AppEnv> | Request): Promise<string> {
  if (!isContext(source)) return readRequest(source, undefined);
  const incoming = incomingOf(source);
  return incoming ? readIncoming(incoming, source) : readRequest(source.req.raw, source);
}

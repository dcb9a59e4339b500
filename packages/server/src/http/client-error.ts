import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { describeError, type Logger } from './logger.js';
import { HttpProblem } from './problem.js';

/** @internal the status Node gives each parser error it answers by itself (see `http.Server`'s `clientError`). */
function problemFor(code: string | undefined): HttpProblem {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new HttpProblem(431, 'validation_failed', 'the request headers are larger than this server takes (16 KiB in all); send a shorter token or fewer headers', {
      errors: [{ path: 'headers', message: 'too large' }],
    });
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new HttpProblem(408, 'validation_failed', 'the request did not arrive in time; send it again', { errors: [{ path: '', message: 'request timeout' }] });
  }
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') {
    return new HttpProblem(413, 'validation_failed', 'the chunk extensions are too large', { errors: [{ path: '', message: 'the body is too large' }] });
  }
  return new HttpProblem(400, 'validation_failed', 'the request is not well-formed HTTP', { errors: [{ path: '', message: 'malformed request' }] });
}

/**
 * Answers requests Node's HTTP parser refuses before any route sees them (headers over the size
 * limit, malformed request lines, a request that did not arrive within `requestTimeout`) with a
 * problem document instead of Node's empty `431` / `400` / `408`, then closes the connection. Node
 * calls this only while the socket has not yet had a response started; a reset socket is just
 * destroyed.
 *
 * @example
 * ```ts
 * answerClientErrors(server);
 * ```
 */
export function answerClientErrors(server: Pick<Server, 'on'>): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const problem = problemFor(err.code);
    const requestId = crypto.randomUUID();
    const body = JSON.stringify(problem.toProblem(requestId));
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_TEXT[problem.status] ?? 'Bad Request'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

/**
 * The answer to a request @hono/node-server cannot turn into a web `Request` (its `RequestError`:
 * a backslash in the path, no `Host` header, an absolute URL it refuses): a 400 problem document
 * saying what is wrong, with a request id; anything else that escapes the app is logged and a bare
 * 500 problem. Without it the adapter answered an empty `text/plain` 400.
 *
 * @example
 * ```ts
 * getRequestListener(app.fetch, { errorHandler: requestErrorAnswer(logger) });
 * ```
 */
export const requestErrorAnswer =
  (logger: Logger) =>
  (err: unknown): Response => {
    const requestId = crypto.randomUUID();
    const message = err instanceof Error ? err.message : '';
    let problem: HttpProblem;
    if (err instanceof Error && err.name === 'RequestError') {
      const detail = /backslash/i.test(message)
        ? 'the request path holds a backslash (\\); separate path segments with / and percent-encode anything else'
        : /host/i.test(message)
          ? 'the request has no Host header; send one'
          : 'the request target is not a URL this server takes; send an origin-form path such as /v1/me';
      problem = new HttpProblem(400, 'validation_failed', detail, { errors: [{ path: '', message: 'malformed request target' }] });
    } else {
      logger.error({ msg: 'unhandled error outside the app', requestId, error: describeError(err) });
      problem = new HttpProblem(500, 'internal', 'something went wrong on our side; retry later, quoting the request id');
    }
    return new Response(JSON.stringify(problem.toProblem(requestId)), {
      status: problem.status,
      headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
    });
  };

/** @internal */
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

import { type IncomingMessage, type RequestListener, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { ALL_ENDPOINTS } from '@complaintkit/core/domain';
import { COMMON_HEADERS } from './common-headers.js';
import { describeError, type Logger, silentLogger } from './logger.js';
import { allowOf } from './method-not-allowed.js';
import { HttpProblem } from './problem.js';
import { requestIdOfIncoming } from './request-id.js';
import { logEdgeAnswer } from './request-log.js';

/**
 * @internal the headers of an answer given outside the app (no middleware runs there): the ones every
 * answer of the app carries ({@link COMMON_HEADERS}) and the request id, so a refusal at the edge
 * reads as any other answer does (same security, CORS and exposed headers).
 */
const edgeHeaders = (requestId: string): [string, string][] => [...COMMON_HEADERS.map(([name, value]): [string, string] => [name, value]), ['X-Request-Id', requestId]];

/** @internal a problem answered outside the app: its status, headers (with the type), document and request id. */
function edgeProblem(problem: HttpProblem, requestId: string = crypto.randomUUID()): { status: number; headers: [string, string][]; body: string; requestId: string } {
  const body = JSON.stringify(problem.toProblem(requestId));
  return { status: problem.status, headers: [['Content-Type', 'application/problem+json'], ...edgeHeaders(requestId)], body, requestId };
}

/** @internal the status Node gives each parser error it answers by itself (see `http.Server`'s `clientError`). */
function problemFor(code: string | undefined): HttpProblem {
  if (code === 'HPE_HEADER_OVERFLOW') {
    // Node's parser counts the request line with the headers and reports both overflows alike, so a
    // URL too long (a 414) cannot be told apart reliably here: the detail names it as a possible cause.
    return new HttpProblem(
      431,
      'validation_failed',
      'the request line and headers are larger than this server takes (16 KiB in all); send a shorter URL (path and query), a shorter token or fewer headers',
      {
        errors: [{ path: 'headers', message: 'too large' }],
      },
    );
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
 * destroyed. Each answer is logged as the app's are ({@link logEdgeAnswer}: status and request id,
 * the request line being what Node could not read).
 *
 * @example
 * ```ts
 * answerClientErrors(server, logger);
 * ```
 */
export function answerClientErrors(server: Pick<Server, 'on'>, logger: Logger = silentLogger): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, headers, body, requestId } = edgeProblem(problemFor(err.code));
    // Node's parser refused it: no method or path to log (they may be what was malformed).
    logEdgeAnswer(logger, { status, requestId });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n` +
        headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

/**
 * The answer to a request @hono/node-server cannot turn into a web `Request` (its `RequestError`:
 * a backslash in the path, no `Host` header, an absolute URL it refuses): a 400 problem document
 * saying what is wrong (the path, the Host header or the target), with the client's `X-Request-Id`
 * when valid (as the app reads it), else a new one; anything else that escapes the app is logged and a bare
 * 500 problem with that request's id. `req` is the request the error belongs to: {@link answerAtTheEdge}
 * makes one handler per request, so with many requests in flight each error names its own (the adapter
 * also calls the handler after an `await` when the app's promise rejects, when another request may be
 * the one being handed over). The answer is logged as the app's are ({@link logEdgeAnswer}), with the
 * duration since `started` (a `performance.now()` taken when the request arrived).
 *
 * @example
 * ```ts
 * getRequestListener(app.fetch, { errorHandler: requestErrorAnswer(logger, req) });
 * ```
 */
export const requestErrorAnswer =
  (logger: Logger, req?: IncomingMessage, started?: number) =>
  (err: unknown): Response => {
    const requestId = req === undefined ? crypto.randomUUID() : requestIdOfIncoming(req);
    const message = err instanceof Error ? err.message : '';
    let problem: HttpProblem;
    if (err instanceof Error && err.name === 'RequestError') {
      const detail = /backslash/i.test(message)
        ? 'the request path holds a backslash (\\); separate path segments with / and percent-encode anything else'
        : /missing host/i.test(message)
          ? 'the request has no Host header; send one'
          : // The adapter's "Invalid host header" is what a bad Host makes, and a target such as `GET *` too.
            req?.url?.startsWith('/') === true
            ? 'the Host header is not a host name (and port); send one such as api.example.com or api.example.com:8443'
            : 'the request target is not a URL this server takes; send an origin-form path such as /v1/me';
      problem = new HttpProblem(400, 'validation_failed', detail, { errors: [{ path: '', message: 'malformed request target' }] });
    } else {
      logger.error({ msg: 'unhandled error outside the app', requestId, error: describeError(err) });
      problem = new HttpProblem(500, 'internal', 'something went wrong on our side; retry later, quoting the request id');
    }
    const { status, headers, body } = edgeProblem(problem, requestId);
    logEdgeAnswer(logger, { method: req?.method, target: req?.url, status, started, requestId });
    return new Response(body, { status, headers });
  };

/**
 * What {@link answerAtTheEdge} hands each request to: the app's `fetch`, the host name the adapter
 * builds URLs with, and the logger.
 *
 * @example
 * ```ts
 * const edge: EdgeOptions = { fetch: app.fetch, hostname: '127.0.0.1', logger };
 * ```
 */
export interface EdgeOptions {
  fetch: Parameters<typeof getRequestListener>[0];
  hostname?: string | undefined;
  logger: Logger;
}

/**
 * The methods this service answers somewhere, as `OPTIONS *` lists them in `Allow`: every
 * operation's (core's contract), HEAD with GET, and OPTIONS (the CORS preflight, on every path).
 *
 * @example
 * ```ts
 * SERVICE_METHODS; // 'DELETE, GET, HEAD, OPTIONS, PATCH, POST'
 * ```
 */
export const SERVICE_METHODS: string = allowOf([...ALL_ENDPOINTS.map((e) => e.method), 'OPTIONS']);

/**
 * The request listener of the service: the two answers given before a request becomes a web
 * `Request`, then @hono/node-server's listener for the app with {@link requestErrorAnswer} for that
 * request as its error handler (made per request, so an error can only name its own request).
 * The two answers: `OPTIONS *` (RFC 9110 §9.3.7, a probe of the whole server) is a 204 with `Allow` listing
 * {@link SERVICE_METHODS}; an HTTP/1.1 request without a `Host` header (RFC 9112 §3.2) is a 400
 * problem (checked first, so `OPTIONS *` without Host is one too), where Node answered an empty 400 (the server is created with `requireHostHeader: false`
 * for this). Both carry the headers every answer carries, and each is logged as the app's answers are
 * (method, masked path, status, duration, request id).
 *
 * @example
 * ```ts
 * createServer({ requireHostHeader: false }, answerAtTheEdge({ fetch: app.fetch, logger }));
 * ```
 */
export const answerAtTheEdge =
  ({ fetch, hostname, logger }: EdgeOptions): RequestListener =>
  (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    // The Host check first: RFC 9112 §3.2 makes an HTTP/1.1 request without Host a 400, `OPTIONS *` too.
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
      const problem = new HttpProblem(400, 'validation_failed', 'the request has no Host header; send one', { errors: [{ path: 'headers', message: 'no Host header' }] });
      const requestId = requestIdOfIncoming(req);
      const { status, headers, body } = edgeProblem(problem, requestId);
      res.writeHead(status, [...headers, ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'close']].flat());
      res.end(body);
      logEdgeAnswer(logger, { method: req.method, target: req.url, status, started, requestId });
      return;
    }
    if (req.url === '*' && req.method === 'OPTIONS') {
      const requestId = requestIdOfIncoming(req);
      res.writeHead(204, [...edgeHeaders(requestId), ['Allow', SERVICE_METHODS]].flat());
      res.end();
      logEdgeAnswer(logger, { method: req.method, target: req.url, status: 204, started, requestId });
      return;
    }
    // One listener per request (a few closures), so its errorHandler knows the request it answers:
    // the adapter calls it synchronously when it cannot make a web Request of this one, and after an
    // await when the app's promise rejects.
    return getRequestListener(fetch, { hostname, errorHandler: requestErrorAnswer(logger, req, started) })(req, res);
  };

import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy did to each request, for assertions and test logs.
 *
 * @example
 * ```ts
 * expect(proxy.stats.droppedAfterAnswer).toBeGreaterThan(0);
 * ```
 */
export interface FaultStats {
  requests: number;
  /** Reset before the service saw the request. */
  resetBeforeForward: number;
  /** The service answered (and committed), but the client never got the answer. */
  droppedAfterAnswer: number;
  relayed: number;
}

/**
 * Options of {@link startFaultProxy}.
 *
 * @example
 * ```ts
 * const opts: FaultProxyOptions = { target: server.url, dropRate: 0.3, resetRate: 0.05, seed: 1 };
 * ```
 */
export interface FaultProxyOptions {
  target: string;
  /** Share of requests whose answer is thrown away after the service answered. */
  dropRate: number;
  /** Share of requests whose connection is reset before they reach the service. */
  resetRate: number;
  seed?: number;
}

/** Small seeded PRNG (mulberry32) so a failing run can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * An HTTP proxy on 127.0.0.1 in front of the real service that loses answers after the service has
 * answered (the worst case for a client: the change is committed, the caller never hears of it) and
 * resets some connections before forwarding.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: server.url, dropRate: 0.3, resetRate: 0.05 });
 * const client = createComplaintClient({ baseUrl: proxy.url, token });
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions) {
  const random = prng(options.seed ?? 1);
  const target = new URL(options.target);
  const stats: FaultStats = { requests: 0, resetBeforeForward: 0, droppedAfterAnswer: 0, relayed: 0 };
  const server = createServer(async (req, res) => {
    stats.requests++;
    const body = await readBody(req);
    if (random() < options.resetRate) {
      stats.resetBeforeForward++;
      req.socket.destroy();
      return;
    }
    const drop = random() < options.dropRate;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      async (answer) => {
        const answerBody = await readBody(answer);
        if (drop) {
          stats.droppedAfterAnswer++;
          req.socket.destroy();
          return;
        }
        stats.relayed++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(answerBody);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

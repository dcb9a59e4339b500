import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import type { TokenBuckets } from '../http/rate-limit.js';
import type { Store } from '../store/store.js';
import type { Caller } from './caller.js';
import { verifyTokenNow } from './token.js';

/** @internal */
const unauthenticated = (detail: string) => new HttpProblem(401, 'unauthenticated', detail);

/** @internal the peer's address (the load balancer's, behind one); `unknown` outside Node's server. */
const remoteAddress = (c: Context<AppEnv>): string => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';

/**
 * Options of {@link authenticate}.
 *
 * @example
 * ```ts
 * const o: AuthenticateOptions = { unauthenticated: new TokenBuckets({ perSecond: 5, burst: 30 }) };
 * ```
 */
export interface AuthenticateOptions {
  /**
   * Token buckets per remote address for requests *without* a valid token: each refusal takes one,
   * and once an address has none left its refusals are `429 rate_limited` with `Retry-After`
   * instead of `401`. A request with a valid token never takes from them.
   */
  readonly unauthenticated?: TokenBuckets | undefined;
}

/**
 * Resolves the caller from `Authorization: Bearer <JWT>` (or, for EventSource clients that cannot
 * send headers, an `access_token` query parameter on the event stream). Missing, invalid, expired or
 * `exp`-less token: 401. A staff token is checked against the staff record on every request: a
 * member who was removed (or deactivated), or whose role or organisation on record differs from the
 * token's (moved, promoted), is refused at once with 401, not when the token expires. Requests
 * without a valid token are limited per remote address (`options.unauthenticated`): past the budget
 * a 429 with `Retry-After`, so a flood of bad tokens is refused cheaply and told to back off.
 *
 * Customer tokens are trusted for their subject (the bank's app signs them after its own login;
 * the service keeps no customer register). A `system` token is the bank's own back end (imports,
 * regulator transfers, the CRM): it reads every complaint, organisation and event, and registers
 * complaints into any organisation; core's `TRANSITIONS` give it no other lifecycle step (403).
 * Issue it only to back-end services, never to an app.
 *
 * @example
 * ```ts
 * app.use('/v1/*', authenticate(store, secret, Date.now));
 * ```
 */
export const authenticate =
  (store: Store, secret: string, now: () => number = Date.now, options: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    /** A refusal: 401, or 429 once this address has spent its budget of refusals. */
    const refuse = (detail: string): HttpProblem => {
      const wait = options.unauthenticated?.take(remoteAddress(c)) ?? 0;
      if (wait === 0) return unauthenticated(detail);
      const { perSecond, burst } = (options.unauthenticated as TokenBuckets).budget;
      return new HttpProblem(
        429,
        'rate_limited',
        `too many requests without a valid token from this address: ${burst} at once and ${perSecond} a second are allowed; get a token, and retry after ${wait} s`,
        { retryAfter: wait },
      );
    };
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match?.[1] ?? (c.req.path === '/v1/events' ? c.req.query('access_token') : undefined);
    if (!token) throw refuse('send Authorization: Bearer <token>');
    const claims = verifyTokenNow(token, secret, now());
    if (!claims) throw refuse('the bearer token is invalid or expired; get a new one');
    let caller: Caller;
    if (claims.kind === 'staff') {
      // One read where the store can (the staff row joined to its organisation), else two.
      const found = store.getStaffWithOrganisation
        ? await store.getStaffWithOrganisation(claims.sub)
        : await store.getStaff(claims.sub).then(async (staff) => staff && { staff, organisation: await store.getOrganisation(staff.orgId) });
      if (!found) throw refuse('the token names a staff member who is not (or no longer) on record; sign in again');
      const { staff, organisation: org } = found;
      if (staff.role !== claims.role || staff.orgId !== claims.org) {
        throw refuse('the token\'s role or organisation is not the one on record (moved or changed); sign in again');
      }
      if (!org) throw refuse('the token names an organisation that does not exist');
      caller = {
        actor: { kind: 'staff', id: claims.sub, role: claims.role, orgId: org.id },
        organisation: org,
        visibility: { kind: 'subtree', path: org.path },
      };
    } else if (claims.kind === 'customer') {
      caller = { actor: { kind: 'customer', id: claims.sub }, organisation: null, visibility: { kind: 'customer', customerId: claims.sub } };
    } else {
      caller = { actor: { kind: 'system', id: claims.sub }, organisation: null, visibility: { kind: 'all' } };
    }
    c.set('caller', caller);
    await next();
  };

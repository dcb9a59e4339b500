import type { StaffRole } from '@complaintkit/core/domain';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import type { TokenBuckets } from '../http/rate-limit.js';
import { problemOf, sendProblem } from '../http/errors.js';
import type { StaffWithOrganisation, Store } from '../store/store.js';
import type { Caller } from './caller.js';
import { subjectFits, verifyTokenNow } from './token.js';
import { incomingOf, requestHeader } from '../http/request-header.js';

/** @internal */
const unauthenticated = (detail: string) => new HttpProblem(401, 'unauthenticated', detail);

/** @internal the peer's address (the load balancer's, behind one); `unknown` outside Node's server. */
const remoteAddress = (c: Context<AppEnv>): string => incomingOf(c)?.socket.remoteAddress ?? 'unknown';

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
  /**
   * Requests whose staff check is left to their write (`deferStaffCheck(c)` true): the caller is set
   * from the token alone (its organisation unread, its visibility none) with a
   * {@link DeferredStaffCheck} beside it as `staffCheck`, which the route hands to the store's write
   * (`MutateOptions.staffCheck`: on PostgreSQL read in the key lookup, one round trip less). The check
   * still decides before anything is written, replayed or answered: a request that ends without it
   * (refused for its body, say) is checked then, and a refused token answers 401 instead. What a
   * refused token has spent by then (its write budget, on PostgreSQL a registration's numbers) and why
   * that is harmless: `MutateOptions.staffCheck`.
   */
  readonly deferStaffCheck?: ((c: Context<AppEnv>) => boolean) | undefined;
}

/**
 * A staff token's check against the record, left to the request's write (see
 * {@link AuthenticateOptions.deferStaffCheck}).
 *
 * @example
 * ```ts
 * const caller = check.settle(await store.getStaffWithOrganisation?.(check.id));
 * ```
 */
export interface DeferredStaffCheck {
  /** The staff member the token names. */
  readonly id: string;
  /** Whether {@link DeferredStaffCheck.settle} ran (and so the check decided). */
  readonly settled: boolean;
  /** Checks the record found against the token: the checked caller (also set as `caller`), or throws the 401 (or 429). */
  settle(found: StaffWithOrganisation | undefined): Caller;
}

/** @internal a token's claims as the staff check reads them. */
interface StaffClaims {
  readonly sub: string;
  readonly role: StaffRole;
  readonly org: string;
}

/** @internal the caller a staff token names once checked against the record found; throws the refusal. */
function staffCaller(claims: StaffClaims, found: StaffWithOrganisation | undefined, refuse: (detail: string) => HttpProblem): Caller {
  if (!found) throw refuse('the token names a staff member who is not (or no longer) on record; sign in again');
  const { staff, organisation: org } = found;
  if (staff.role !== claims.role || staff.orgId !== claims.org) {
    throw refuse('the token\'s role or organisation is not the one on record (moved or changed); sign in again');
  }
  if (!org) throw refuse('the token names an organisation that does not exist');
  return {
    actor: { kind: 'staff', id: claims.sub, role: claims.role, orgId: org.id },
    organisation: org,
    visibility: { kind: 'subtree', path: org.path },
  };
}

/**
 * @internal a visibility no stored complaint is under (every organisation path starts with `/`): the
 * caller of a deferred check sees nothing until the check has run.
 */
const UNCHECKED_PATH = '\u0000unchecked/';

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
    const header = requestHeader(c, 'authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match?.[1] ?? (c.req.path === '/v1/events' ? c.req.query('access_token') : undefined);
    if (!token) throw refuse('send Authorization: Bearer <token>');
    const claims = verifyTokenNow(token, secret, now());
    if (!claims) throw refuse('the bearer token is invalid or expired; get a new one');
    if (!subjectFits(claims)) {
      throw refuse(`the token's subject (sub) is not an id: ${claims.kind === 'system' ? 'no' : '1 to 64 characters and no'} control characters; sign the ${claims.kind === 'customer' ? "customer's" : claims.kind === 'staff' ? "staff member's" : "back end's"} id`);
    }
    let caller: Caller;
    // One read where the store can (the staff row joined to its organisation), else two.
    const readStaff = (id: string): Promise<StaffWithOrganisation | undefined> =>
      store.getStaffWithOrganisation
        ? store.getStaffWithOrganisation(id)
        : store.getStaff(id).then(async (staff) => staff && { staff, organisation: await store.getOrganisation(staff.orgId) });
    if (claims.kind === 'staff' && options.deferStaffCheck?.(c)) {
      const staffClaims = { sub: claims.sub, role: claims.role, org: claims.org };
      let settled = false;
      const check: DeferredStaffCheck = {
        id: claims.sub,
        get settled() {
          return settled;
        },
        settle(found) {
          settled = true;
          const checked = staffCaller(staffClaims, found, refuse);
          c.set('caller', checked);
          return checked;
        },
      };
      c.set('caller', { actor: { kind: 'staff', id: claims.sub, role: claims.role, orgId: claims.org }, organisation: null, visibility: { kind: 'subtree', path: UNCHECKED_PATH } });
      c.set('staffCheck', check);
      await next();
      if (!check.settled) {
        // The request ended before its write (refused for its body, its rate, …): the token decides first.
        try {
          check.settle(await readStaff(claims.sub));
        } catch (e) {
          if (!(e instanceof HttpProblem)) {
            // The request already failed unexpectedly, and was logged and answered 500 (a database
            // outage fails the check's read as it failed the write): that answer stands, logged once.
            if (c.error !== undefined && problemOf(c.error) === null) return;
            throw e;
          }
          c.res = undefined;
          c.res = sendProblem(c, e);
          // Hono keeps the refused answer's headers for the next one: a 429's Retry-After must not
          // tell a caller whose token is refused to wait and retry instead of signing in again.
          if (e.extra.retryAfter === undefined) c.res.headers.delete('retry-after');
        }
      }
      return;
    }
    if (claims.kind === 'staff') {
      caller = staffCaller({ sub: claims.sub, role: claims.role, org: claims.org }, await readStaff(claims.sub), refuse);
    } else if (claims.kind === 'customer') {
      caller = { actor: { kind: 'customer', id: claims.sub }, organisation: null, visibility: { kind: 'customer', customerId: claims.sub } };
    } else {
      caller = { actor: { kind: 'system', id: claims.sub }, organisation: null, visibility: { kind: 'all' } };
    }
    c.set('caller', caller);
    await next();
  };

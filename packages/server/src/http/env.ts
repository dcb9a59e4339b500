import type { DeferredStaffCheck } from '../auth/authenticate.js';
import type { Caller } from '../auth/caller.js';

/**
 * The Hono environment of the service: per-request variables.
 *
 * @example
 * ```ts
 * const app = new Hono<AppEnv>();
 * ```
 */
export interface AppEnv {
  Variables: {
    requestId: string;
    caller: Caller;
    /** A staff token's check left to the request's write (`authenticate`'s `deferStaffCheck`); unset otherwise. */
    staffCheck: DeferredStaffCheck | undefined;
  };
}

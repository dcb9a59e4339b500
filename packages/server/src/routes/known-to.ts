import type { Caller } from '../auth/caller.js';
import type { MutateOptions } from '../store/store.js';

/**
 * What a write's transaction need not read again: the caller's organisation, read with the token's
 * check just before (see {@link MutateOptions.organisations}).
 *
 * @example
 * ```ts
 * await deps.store.mutate(idem, run, knownTo(caller));
 * ```
 */
export const knownTo = (caller: Caller): MutateOptions => (caller.organisation ? { organisations: [caller.organisation] } : {});

import { AuthenticationError } from '../core/errors/authentication-error.js';
import type { TokenProvider } from '../core/options.js';

/** @internal */
export interface TokenSource {
  /** The token to send now; waits for a refresh that is under way. */
  get(): Promise<string | undefined>;
  /**
   * A token to replace `stale`, refreshing once however many callers ask at the same time. If the
   * token was already replaced since `stale` was sent, returns the current one without a call.
   * `undefined` when no refresh is possible: a static token, or `stale` is itself the product of a
   * refresh made moments ago (refreshing again would only loop).
   */
  refresh(stale: string | undefined): Promise<string | undefined>;
}

/** @internal Single-flight token cache over a static token or a provider. */
export function createTokenSource(token: string | TokenProvider | undefined, freshForMs = 10_000): TokenSource {
  if (typeof token !== 'function') {
    return { get: async () => token, refresh: async () => undefined };
  }
  let current: Promise<string | undefined> | undefined;
  let latest: string | undefined;
  let refreshing: Promise<string | undefined> | undefined;
  let refreshedAt = Number.NEGATIVE_INFINITY;
  const call = (reason: 'initial' | 'refresh') =>
    Promise.resolve()
      .then(() => token({ reason }))
      .then(
        (t) => {
          if (t !== undefined && typeof t !== 'string') throw new TypeError('The token provider must return a string or undefined.');
          latest = t;
          return t;
        },
        (cause: unknown) => {
          current = undefined;
          throw new AuthenticationError({ code: 'token_provider_failed', cause });
        },
      );
  return {
    get() {
      if (refreshing) return refreshing;
      current ??= call('initial');
      return current;
    },
    refresh(stale) {
      if (refreshing) return refreshing;
      if (current && latest !== stale) return current;
      if (Date.now() - refreshedAt < freshForMs) return Promise.resolve(undefined);
      const p = call('refresh').then((t) => {
        refreshedAt = Date.now();
        return t;
      });
      const settle = () => {
        if (refreshing === p) refreshing = undefined;
      };
      p.then(settle, settle);
      refreshing = p;
      current = p;
      return p;
    },
  };
}

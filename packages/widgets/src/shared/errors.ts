import type { MessageKey } from '../i18n/zh-cn.js';

/**
 * What to tell a person about an error: the service's own safe message for a refused request, or a
 * translated sentence for network and sign-in trouble.
 *
 * @example
 * ```ts
 * const { key, message, code } = describeError(err);
 * ```
 */
export function describeError(error: unknown): { code: string; key?: MessageKey; message?: string } {
  const e = error as { code?: unknown; status?: unknown; message?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : 'unknown';
  if (e?.status === 401 || code === 'unauthenticated' || code === 'authentication_failed') return { code, key: 'signInAgain' };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.message === 'string') return { code, message: e.message };
  return { code, key: 'networkError' };
}

/** @internal Asia/Shanghai is UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * A complaint number: `CK` + the receipt date in Asia/Shanghai + `-` + the global counter, at least
 * six digits.
 *
 * @example
 * ```ts
 * complaintNumber(Date.parse('2026-03-01T01:00:00+08:00'), 42); // 'CK20260301-000042'
 * ```
 */
export function complaintNumber(receivedAtMs: number, counter: number): string {
  const day = new Date(receivedAtMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return `CK${day}-${String(counter).padStart(6, '0')}`;
}

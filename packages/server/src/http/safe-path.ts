import { ComplaintId, maskName, redactText } from '@complaintkit/core/domain';
import { safeParse } from 'zod/mini';

/** @internal the longest path written to a log line or a problem's `instance`. */
const MAX_PATH = 200;

/**
 * A request path as logs and problem documents may show it: percent-decoded, personal numbers (phone,
 * ID and card numbers) masked with core's `redactText`, every run of characters outside printable ASCII masked as
 * a name is (`张三` → `张*`: no id, code or file of this API has such characters, a name put in a path
 * does), and cut to 200 characters, so a path such as `/v1/complaints/13911112222` is never written
 * down as it was sent.
 *
 * @example
 * ```ts
 * safePath('/v1/complaints/13911112222'); // '/v1/complaints/139****2222'
 * safePath('/v1/complaints/张三'); // '/v1/complaints/张*'
 * ```
 */
export function safePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // not valid percent-encoding: redact it as it came
  }
  const redacted = redactText(decoded).replace(/[^ -~]+/g, maskName);
  return redacted.length > MAX_PATH ? `${redacted.slice(0, MAX_PATH)}…` : redacted;
}

/**
 * How a problem names a complaint id taken from the path: the id itself when it is a complaint
 * number (`CK20260301-000042`), else "the complaint" (arbitrary path input is never echoed).
 *
 * @example
 * ```ts
 * complaintLabel('CK20260301-000042'); // 'complaint CK20260301-000042'
 * complaintLabel('13911112222'); // 'the complaint'
 * ```
 */
export const complaintLabel = (id: string): string => (safeParse(ComplaintId, id).success ? `complaint ${id}` : 'the complaint');

/**
 * @internal Serialises a parsed query the way the service reads it: arrays repeat the key
 * (`status=a&status=b`), booleans are `true`/`false`, `undefined` and `null` are left out.
 */
export function toSearchParams(query: Record<string, unknown> | undefined): URLSearchParams {
  const params = new URLSearchParams();
  if (!query) return params;
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) params.append(key, String(v));
    }
  }
  return params;
}

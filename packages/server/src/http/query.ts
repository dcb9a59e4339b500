import { badRequest, HttpProblem } from './problem.js';

/** @internal the bits of a zod schema definition the coercion reads. */
interface Def {
  readonly type: string;
  readonly innerType?: { readonly _zod: { readonly def: Def } };
  readonly shape?: Record<string, { readonly _zod: { readonly def: Def } }>;
}

/** @internal the wire kind of a field: what to turn its query-string text into. */
type Kind = 'array' | 'boolean' | 'number' | 'string';

/** @internal unwraps optional/default/nullable wrappers down to the field's own type. */
function kindOf(def: Def | undefined): Kind | undefined {
  let d = def;
  for (let i = 0; d && i < 8 && d.innerType; i++) {
    if (!['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch'].includes(d.type)) break;
    d = d.innerType._zod.def;
  }
  if (!d) return undefined;
  if (d.type === 'array') return 'array';
  if (d.type === 'boolean') return 'boolean';
  if (d.type === 'number' || d.type === 'int' || d.type === 'bigint') return 'number';
  return 'string';
}

/** @internal */
const scalar = (text: string, kind: Kind | undefined): unknown => {
  if (kind === 'boolean' || kind === undefined) {
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  if ((kind === 'number' || kind === undefined) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
};

/**
 * Turns a query string into the value its zod object schema parses: repeated keys (and every key
 * whose field is an array) become arrays, `true`/`false` booleans, digits numbers; a field the
 * schema wants as text stays text (so `q=2026` searches for "2026"). A key the schema does not
 * name (nor `allow` lists) is a 400 naming it (an empty key, `?=1`, a 400 saying so; a value whose escapes are not UTF-8 a 400 naming its key), so a typo is not silently ignored and keys such as
 * `constructor` or `__proto__` never reach an object lookup. Given the request's URL (not only its
 * `searchParams`), a U+FFFD sent as its own escape (`%EF%BF%BD`) is told apart from a broken one and
 * taken as text.
 *
 * @example
 * ```ts
 * queryToInput(new URLSearchParams('status=accepted&status=closed&overdue=true&limit=5'), ComplaintListQuery);
 * // { status: ['accepted', 'closed'], overdue: true, limit: 5 }
 * ```
 */
export function queryToInput(query: URLSearchParams | URL, schema: unknown, allow: readonly string[] = []): Record<string, unknown> {
  const params = query instanceof URL ? query.searchParams : query;
  const raw = query instanceof URL ? query.search : undefined;
  let broken: Set<string> | undefined;
  const brokenIn = (search: string) => {
    broken ??= brokenEscapes(search);
    return broken;
  };
  const shape = (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def?.shape ?? {};
  if (params.has('')) {
    const message = 'a query parameter has an empty name (as in ?=1); give it a name (e.g. limit=5) or leave it out';
    throw new HttpProblem(400, 'validation_failed', `${message}. Fix and send the request again.`, { errors: [{ path: '', message }] });
  }
  const unknown = [...new Set(params.keys())].filter((k) => !Object.hasOwn(shape, k) && !allow.includes(k));
  if (unknown.length > 0) {
    const known = [...Object.keys(shape), ...allow].join(', ');
    throw badRequest(unknown.map((k) => ({ path: k.slice(0, 64), message: `unknown query parameter; this endpoint takes ${known || 'none'}` })));
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const key of new Set(params.keys())) {
    if (allow.includes(key)) continue;
    const values = params.getAll(key);
    // URLSearchParams turns a broken escape (`q=%E4%B8`, half a character) into U+FFFD: a search
    // for it silently found nothing. No real filter holds U+FFFD, so it is refused naming the key
    // (a cursor is left to the store, whose refusal says to send nextCursor as given).
    // A U+FFFD sent as its own escape (%EF%BF%BD) is text: only a key whose raw escapes are not
    // UTF-8 is refused (the raw query is read only when a value holds U+FFFD).
    if (key !== 'cursor' && values.some((v) => v.includes('\uFFFD')) && (raw === undefined || brokenIn(raw).has(key))) {
      throw badRequest([{ path: key, message: 'is not percent-encoded UTF-8 (a broken escape such as %E4%B8); encode it with encodeURIComponent' }]);
    }
    const field = shape[key];
    const kind = kindOf(field?._zod.def);
    if (kind === 'array') {
      const item = field && kindOf(itemDef(field._zod.def));
      out[key] = values.map((v) => scalar(v, item ?? 'string'));
    } else if (values.length > 1) out[key] = values.map((v) => scalar(v, kind));
    else out[key] = scalar(values[0] as string, kind);
  }
  return out;
}

/**
 * @internal the keys of a raw query string (`?a=1&b=%E4%B8`) with an escape that is not UTF-8 (half
 * a character, an overlong form, a surrogate): each a U+FFFD once decoded, where `%EF%BF%BD` is a
 * real U+FFFD. A `%` not followed by two hex digits is a literal `%`, as URLSearchParams reads it.
 */
function brokenEscapes(search: string): Set<string> {
  const keys = new Set<string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    try {
      decodeURIComponent(pair.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
    } catch {
      for (const k of new URLSearchParams(pair).keys()) keys.add(k);
    }
  }
  return keys;
}

/** @internal the element definition of an (optionally wrapped) array field. */
function itemDef(def: Def): Def | undefined {
  let d: Def | undefined = def;
  for (let i = 0; d && i < 8 && d.type !== 'array'; i++) d = d.innerType?._zod.def;
  return (d as { element?: { _zod: { def: Def } } } | undefined)?.element?._zod.def;
}

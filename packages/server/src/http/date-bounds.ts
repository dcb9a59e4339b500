import { badRequest } from './problem.js';

/**
 * The range of dates the service believes: none before the bank started keeping complaints here,
 * none later than now plus the clock skew allowed between a client and the service.
 *
 * @example
 * ```ts
 * const b: DateBounds = { earliest: Date.parse('2000-01-01T00:00:00+08:00'), skewMs: 5 * 60_000 };
 * ```
 */
export interface DateBounds {
  /** Epoch ms of the bank's configured start (`startServer({ earliestDate })`). */
  readonly earliest: number;
  /** How far ahead of the service's clock a date may lie (ms). */
  readonly skewMs: number;
}

/**
 * The default start: 1 January 2000, Beijing time (well before any record this service imports).
 *
 * @example
 * ```ts
 * new Date(DEFAULT_EARLIEST_DATE).toISOString(); // '1999-12-31T16:00:00.000Z'
 * ```
 */
export const DEFAULT_EARLIEST_DATE = Date.parse('2000-01-01T00:00:00+08:00');

/**
 * The default clock skew allowed: five minutes.
 *
 * @example
 * ```ts
 * DEFAULT_CLOCK_SKEW_MS; // 300000
 * ```
 */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/** @internal the bits of a zod definition the walk reads. */
interface Def {
  readonly type: string;
  readonly format?: string;
  readonly innerType?: { readonly _zod: { readonly def: Def } };
  readonly shape?: Record<string, { readonly _zod: { readonly def: Def } }>;
  readonly element?: { readonly _zod: { readonly def: Def } };
}

/** @internal a path into a value; `'*'` is every element of an array. */
type Path = readonly (string | '*')[];

/** @internal */
const cache = new WeakMap<object, Path[]>();

/**
 * The paths of every ISO date-time field of a zod schema (through optional, nullable, default,
 * objects and arrays), found once per schema.
 *
 * @example
 * ```ts
 * datePaths(ComplaintCreate); // [['receivedAt']]
 * ```
 */
export function datePaths(schema: unknown): Path[] {
  const key = schema as object;
  const known = cache.get(key);
  if (known) return known;
  const out: Path[] = [];
  const walk = (def: Def | undefined, path: Path, depth: number) => {
    if (!def || depth > 12) return;
    if (def.type === 'string' && def.format === 'datetime') out.push(path);
    else if (def.type === 'object' && def.shape) for (const [k, v] of Object.entries(def.shape)) walk(v._zod.def, [...path, k], depth + 1);
    else if (def.type === 'array') walk(def.element?._zod.def, [...path, '*'], depth + 1);
    else if (def.innerType) walk(def.innerType._zod.def, path, depth + 1);
  };
  walk((schema as { _zod?: { def?: Def } })._zod?.def, [], 0);
  cache.set(key, out);
  return out;
}

/** @internal the values at a path, with their dotted names. */
function valuesAt(value: unknown, path: Path, name: string[] = []): [string, unknown][] {
  if (path.length === 0) return [[name.join('.'), value]];
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = path as [string, ...Path];
  if (head === '*') return Array.isArray(value) ? value.flatMap((v, i) => valuesAt(v, rest, [...name, String(i)])) : [];
  return Object.hasOwn(value, head) ? valuesAt((value as Record<string, unknown>)[head], rest, [...name, head]) : [];
}

/**
 * Refuses (400 naming each field) a parsed input whose date-time fields lie before `bounds.earliest`
 * or after now plus `bounds.skewMs` (`aheadMs` widens the future side, as list filters may look ahead).
 *
 * @example
 * ```ts
 * assertDatesInBounds(ComplaintCreate, input, bounds, Date.now());
 * ```
 */
export function assertDatesInBounds(schema: unknown, value: unknown, bounds: DateBounds, now: number, aheadMs = 0): void {
  const latest = now + bounds.skewMs + aheadMs;
  const errors: { path: string; message: string }[] = [];
  for (const path of datePaths(schema)) {
    for (const [name, v] of valuesAt(value, path)) {
      if (typeof v !== 'string') continue;
      const t = Date.parse(v);
      if (Number.isNaN(t)) continue;
      if (t < bounds.earliest) errors.push({ path: name, message: `must not be before ${new Date(bounds.earliest).toISOString()} (when this bank's records start)` });
      else if (t > latest) errors.push({ path: name, message: `must not be in the future (after ${new Date(latest).toISOString()})` });
    }
  }
  if (errors.length > 0) throw badRequest(errors);
}

import type * as z from 'zod';

/**
 * A check compiled once from a zod schema: true when zod would accept the value, with zod's defaults
 * filled in place (the value is not copied; keys the schema does not name are left as they are).
 * `false` means "let zod say why": the caller then runs the schema itself for its issues.
 *
 * @example
 * ```ts
 * const check: CompiledCheck = compileCheck(ComplaintRow)!;
 * if (!check(data)) ComplaintRow.parse(data); // throws zod's error
 * ```
 */
export type CompiledCheck = (value: unknown) => boolean;

/** @internal zod's internals as far as the compiler reads them. */
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Record<string, Schema>;
  readonly innerType?: Schema;
  readonly element?: Schema;
  readonly entries?: Record<string, unknown>;
  readonly defaultValue?: unknown;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly catchall?: Schema;
}
/** @internal */
interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
}
/** @internal */
type Schema = { readonly _zod: { readonly def: Def } };

/** @internal string formats whose whole check is their pattern (zod's own `string_format` checks). */
const PATTERN_FORMATS = new Set(['regex', 'datetime', 'date', 'time']);

/** @internal a pattern as a plain tester (no global flag, so `test` keeps no state). */
const tester = (p: RegExp) => new RegExp(p.source, p.flags.replace(/[gy]/g, ''));

/**
 * Compiles a zod schema into one function (`new Function`, built once) that checks a value the way
 * the schema does, with none of zod's per-value bookkeeping: no copy of the value, no issue objects
 * for a value that is fine. The check is derived from the schema's own definition (its types, enums,
 * lengths, bounds, patterns and defaults), so zod stays the one definition; a schema with anything
 * the compiler does not know (a refinement, a transform, a union, another string format) gives
 * `null`, and the caller keeps using zod. A value it refuses is handed back to zod for the error.
 *
 * @example
 * ```ts
 * const check = compileCheck(ComplaintRow);
 * const row = check?.(data) ? (data as ComplaintRow) : ComplaintRow.parse(data);
 * ```
 */
export function compileCheck(schema: z.ZodType): CompiledCheck | null {
  const consts: unknown[] = [];
  const ref = (v: unknown) => `k[${consts.push(v) - 1}]`;
  let loops = 0;

  /** A JS expression that is true when `x` passes `s`; `set(v)` assigns a default where `x` lives. */
  const gen = (s: Schema, x: string, set: ((v: string) => string) | null): string | null => {
    const def = s._zod.def;
    const parts: string[] = [];
    switch (def.type) {
      case 'string':
        parts.push(`typeof ${x} === 'string'`);
        if (def.format !== undefined) {
          if (!PATTERN_FORMATS.has(def.format) || !def.pattern) return null;
          parts.push(`${ref(tester(def.pattern))}.test(${x})`);
        }
        break;
      case 'number':
        parts.push(`typeof ${x} === 'number' && Number.isFinite(${x})`);
        break;
      case 'boolean':
        parts.push(`typeof ${x} === 'boolean'`);
        break;
      case 'enum':
        parts.push(`${ref(new Set(Object.values(def.entries ?? {})))}.has(${x})`);
        break;
      case 'nullable': {
        const inner = gen(def.innerType!, x, set);
        return inner === null ? null : `(${x} === null || ${inner})`;
      }
      case 'optional': {
        const inner = gen(def.innerType!, x, set);
        return inner === null ? null : `(${x} === undefined || ${inner})`;
      }
      case 'default': {
        const inner = gen(def.innerType!, x, set);
        const d = def.defaultValue;
        // Only plain defaults, filled where the value lives: a fresh empty array each time.
        if (inner === null || set === null || (typeof d === 'object' && d !== null && !(Array.isArray(d) && d.length === 0))) return null;
        return `(${x} === undefined ? (${set(Array.isArray(d) ? '[]' : ref(d))}, true) : ${inner})`;
      }
      case 'array': {
        const i = `i${loops++}`;
        const el = gen(def.element!, `a[${i}]`, null);
        if (el === null) return null;
        const every = new Function('k', `return (a) => { for (let ${i} = 0; ${i} < a.length; ${i}++) if (!${el}) return false; return true; };`)(consts);
        parts.push(`Array.isArray(${x}) && ${ref(every)}(${x})`);
        break;
      }
      case 'object': {
        if (def.catchall !== undefined && def.catchall._zod.def.type !== 'unknown') return null;
        parts.push(`typeof ${x} === 'object' && ${x} !== null && !Array.isArray(${x})`);
        for (const [key, sub] of Object.entries(def.shape ?? {})) {
          const at = `${x}[${JSON.stringify(key)}]`;
          const e = gen(sub, at, (v) => `${at} = ${v}`);
          if (e === null) return null;
          parts.push(e);
        }
        break;
      }
      default:
        return null;
    }
    for (const c of def.checks ?? []) {
      const cd = c._zod.def;
      switch (cd.check) {
        case 'min_length':
          parts.push(`${x}.length >= ${Number(cd.minimum)}`);
          break;
        case 'max_length':
          parts.push(`${x}.length <= ${Number(cd.maximum)}`);
          break;
        case 'string_format':
          if (!cd.format || !PATTERN_FORMATS.has(cd.format) || !cd.pattern) return null;
          parts.push(`${ref(tester(cd.pattern))}.test(${x})`);
          break;
        case 'number_format':
          if (cd.format !== 'safeint') return null;
          parts.push(`Number.isSafeInteger(${x})`);
          break;
        case 'greater_than':
          parts.push(`${x} ${cd.inclusive ? '>=' : '>'} ${Number(cd.value)}`);
          break;
        case 'less_than':
          parts.push(`${x} ${cd.inclusive ? '<=' : '<'} ${Number(cd.value)}`);
          break;
        default:
          return null;
      }
    }
    return `(${parts.join(' && ')})`;
  };

  const body = gen(schema as unknown as Schema, 'r', null);
  if (body === null) return null;
  return new Function('k', `return (r) => ${body};`)(consts) as CompiledCheck;
}

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
  const c = generateCheck(schema);
  if (c === null) return null;
  return new Function('k', `${c.functions.map((f, i) => `k[${c.consts.length + i}] = ${f};`).join('\n')}\nreturn (r) => ${c.body};`)([...c.values]) as CompiledCheck;
}

/**
 * The source of a module exporting the check {@link compileCheck} would build from `schema`, as
 * `export const <name> = (r) => …;`: the same check written out once (at build time) so a program
 * that ships it loads neither zod nor the schema to check values. `null` where `compileCheck` gives
 * `null`. The module is JavaScript under a `// @ts-nocheck` line, so it can be saved as a `.ts` file.
 *
 * @example
 * ```ts
 * await writeFile('src/input/complaint-row-check.generated.ts', compileCheckSource(ComplaintRow, 'complaintRowCheck')!);
 * ```
 */
export function compileCheckSource(schema: z.ZodType, name: string): string | null {
  const c = generateCheck(schema);
  if (c === null) return null;
  const lines = [
    '// @ts-nocheck',
    '// Generated from a zod schema by `compileCheckSource` (src/input/compiled-check.ts) at build time; do not edit.',
    `const k = [\n${c.consts.map((v) => `  ${v},`).join('\n')}\n];`,
    ...c.functions.map((f, i) => `k[${c.consts.length + i}] = ${f};`),
    `/** @internal true when the schema accepts the value (defaults filled in place); \`false\`: let zod say why. */`,
    `export const ${name} = (r) => ${c.body};`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * @internal a check as source: its body (an expression in `r`) over `k`, the constants (their values,
 * and the same as source text) followed by the loops over array elements (source, reading `k`).
 */
function generateCheck(schema: z.ZodType): { body: string; values: unknown[]; consts: string[]; functions: string[] } | null {
  const values: unknown[] = [];
  const consts: string[] = [];
  const functions: string[] = [];
  // Constants first (their indexes are final as they are pushed); each loop goes after them, so it
  // gets its index once the constants are known: `f<n>` is replaced below.
  const ref = (v: unknown, source: string) => {
    consts.push(source);
    return `k[${values.push(v) - 1}]`;
  };
  const fn = (source: string) => `k[F${functions.push(source) - 1}F]`;
  let loops = 0;

  /** A JS expression that is true when `x` passes `s`; `set(v)` assigns a default where `x` lives. */
  const gen = (s: Schema, x: string, set: ((v: string) => string) | null): string | null => {
    const def = s._zod.def;
    const parts: string[] = [];
    const pattern = (p: RegExp) => {
      const t = tester(p);
      return ref(t, String(t));
    };
    switch (def.type) {
      case 'string':
        parts.push(`typeof ${x} === 'string'`);
        if (def.format !== undefined) {
          if (!PATTERN_FORMATS.has(def.format) || !def.pattern) return null;
          parts.push(`${pattern(def.pattern)}.test(${x})`);
        }
        break;
      case 'number':
        parts.push(`typeof ${x} === 'number' && Number.isFinite(${x})`);
        break;
      case 'boolean':
        parts.push(`typeof ${x} === 'boolean'`);
        break;
      case 'enum': {
        const options = Object.values(def.entries ?? {});
        parts.push(`${ref(new Set(options), `new Set(${JSON.stringify(options)})`)}.has(${x})`);
        break;
      }
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
        if (d !== undefined && typeof d !== 'string' && typeof d !== 'number' && typeof d !== 'boolean' && !Array.isArray(d) && d !== null) return null;
        return `(${x} === undefined ? (${set(Array.isArray(d) ? '[]' : ref(d, d === undefined ? 'undefined' : JSON.stringify(d)))}, true) : ${inner})`;
      }
      case 'array': {
        const i = `i${loops++}`;
        const el = gen(def.element!, `a[${i}]`, null);
        if (el === null) return null;
        parts.push(`Array.isArray(${x}) && ${fn(`(a) => { for (let ${i} = 0; ${i} < a.length; ${i}++) if (!${el}) return false; return true; }`)}(${x})`);
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
          parts.push(`${pattern(cd.pattern)}.test(${x})`);
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
  const at = (t: string) => t.replace(/k\[F(\d+)F\]/g, (_, n: string) => `k[${values.length + Number(n)}]`);
  return { body: at(body), values, consts, functions: functions.map(at) };
}

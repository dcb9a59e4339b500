import { badRequest } from './problem.js';

/** @internal one issue as Standard Schema reports it. */
interface Issue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/**
 * Any Standard Schema (every zod schema is one), typed by its output.
 *
 * @example
 * ```ts
 * const s: StandardSchema<{ a: string }> = MySchema;
 * ```
 */
export interface StandardSchema<O = unknown> {
  readonly '~standard': {
    validate(value: unknown): { readonly value: O; readonly issues?: undefined } | { readonly issues: readonly Issue[] } | Promise<unknown>;
    readonly types?: { readonly output: O } | undefined;
  };
}

/**
 * The `{ path, message }` list of a zod failure: one entry per bad field, path dotted (`complainant.phone`).
 *
 * @example
 * ```ts
 * issuesToErrors([{ path: ['complainant', 'phone'], message: 'Invalid' }]); // [{ path: 'complainant.phone', message: 'Invalid' }]
 * ```
 */
export function issuesToErrors(issues: readonly { path?: readonly PropertyKey[] | undefined; message: string }[]): { path: string; message: string }[] {
  return issues.map((i) => ({ path: (i.path ?? []).map(String).join('.'), message: i.message }));
}

/**
 * Parses a value with a schema; throws a 400 problem naming each bad field.
 *
 * @example
 * ```ts
 * const body = parseOr400(ComplaintCreate, json);
 * ```
 */
export function parseOr400<O>(schema: StandardSchema<O>, value: unknown): O {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('async schemas are not supported here');
  if (result.issues) {
    throw badRequest(issuesToErrors(result.issues.map((i) => ({ message: i.message, path: (i.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)) }))));
  }
  return result.value;
}

/**
 * Reads a JSON body; an empty body is `{}`. Malformed JSON or a non-object is a 400 naming the body.
 *
 * @example
 * ```ts
 * const json = await readJsonBody(c.req.raw);
 * ```
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest([{ path: '', message: 'the body is not valid JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest([{ path: '', message: 'the body must be a JSON object' }]);
  }
  return value;
}

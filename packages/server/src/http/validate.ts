import { safeParse, type z } from 'zod/mini';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { refuseLoneSurrogate, refuseNul } from './nul.js';
import { badRequest, HttpProblem } from './problem.js';
import { isContext, readBodyText } from './read-body.js';
import { ISSUE_MESSAGES, withoutInnerBound } from './issue-messages.js';
import { requestHeader } from './request-header.js';

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
 * Parses a value with a schema; throws a 400 problem naming each bad field and what it expects.
 *
 * @example
 * ```ts
 * const body = parseOr400(ComplaintCreate, json);
 * ```
 */
export function parseOr400<O>(schema: StandardSchema<O>, value: unknown): O {
  const result = safeParse(schema as unknown as z.core.$ZodType, value, ISSUE_MESSAGES);
  if (!result.success) throw badRequest(issuesToErrors(withoutInnerBound(result.error.issues)));
  return result.data as O;
}

/** The deepest nesting of objects and arrays a request body may have (a registration needs 3). */
export const MAX_BODY_DEPTH = 16;

/**
 * True when the JSON text nests objects and arrays deeper than `max`, found by one pass over the
 * characters (no recursion, no parse), so a hostile body is refused before anything recursive
 * (parsing, validation, canonical hashing) sees it.
 *
 * @example
 * ```ts
 * nestsDeeperThan('[[[1]]]', 2); // true
 * ```
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > max) return true;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return false;
}

/** @internal the charset parameter of a media type, quoted or not. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/** @internal `application/json` or any `+json` type, with or without parameters. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The 415 for a body sent with a `Content-Encoding` (gzip, br, deflate…): request bodies are at most
 * 1 MiB of JSON, so the service takes them uncompressed only and never inflates what a client sends
 * (no decompression bomb to bound). `identity` is no encoding. The answer carries
 * `Accept-Encoding: identity` (RFC 9110 §15.5.16) and the connection is closed, as the body is not read.
 *
 * @example
 * ```ts
 * refuseContentEncoding(c.req.header('content-encoding'), c); // throws for 'gzip'
 * ```
 */
export function refuseContentEncoding(encoding: string | null | undefined, c?: Context<AppEnv>): void {
  if (encoding === undefined || encoding === null) return;
  const codings = encoding.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '' && e !== 'identity');
  if (codings.length === 0) return;
  c?.header('accept-encoding', 'identity');
  c?.header('connection', 'close');
  throw new HttpProblem(
    415,
    'unsupported_media_type',
    `the body is sent with Content-Encoding: ${codings.join(', ').slice(0, 64)}; send it uncompressed (no Content-Encoding header, or identity) as JSON with Content-Type: application/json`,
    { errors: [{ path: '', message: 'compressed request bodies are not accepted' }] },
  );
}

/**
 * Reads a JSON body (from the Hono context: straight from Node's request; or from a `Request`); an
 * empty body is `{}`. A body sent as anything but JSON (`text/plain`, a form, XML, or no
 * `Content-Type`), labelled with a charset other than UTF-8, or compressed (any `Content-Encoding`
 * but identity, see {@link refuseContentEncoding}) is a 415; one over 1 MiB a 413; bytes that are not UTF-8, malformed
 * JSON, a non-object or one nested deeper than {@link MAX_BODY_DEPTH} is a 400 naming the body.
 *
 * @example
 * ```ts
 * const json = await readJsonBody(c);
 * ```
 */
export async function readJsonBody(source: Context<AppEnv> | Request): Promise<unknown> {
  if (isContext(source)) refuseContentEncoding(requestHeader(source, 'content-encoding'), source);
  else refuseContentEncoding(source.headers.get('content-encoding'));
  const text = await readBodyText(source);
  if (text.trim() === '') return {};
  const type = isContext(source) ? requestHeader(source, 'content-type') : source.headers.get('content-type');
  if (!JSON_TYPE.test(type ?? '')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  const charset = CHARSET.exec(type ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new HttpProblem(415, 'unsupported_media_type', `the body is labelled charset=${charset.slice(0, 32)}; JSON is UTF-8 (RFC 8259): encode it so and send charset=utf-8 or no charset`);
  }
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    throw badRequest([{ path: '', message: `the body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest([{ path: '', message: 'the body is not valid JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest([{ path: '', message: 'the body must be a JSON object' }]);
  }
  refuseNul(text, value);
  refuseLoneSurrogate(text, value);
  return value;
}

import * as z from 'zod/mini';

/**
 * Every problem the service answers with: its stable `code`, the HTTP status it comes with and its
 * title. The server sends these and nothing else; the OpenAPI document lists the codes as an enum and
 * each operation's error responses by them.
 *
 * @example
 * ```ts
 * PROBLEMS.invalid_transition.status; // 409
 * ```
 */
export const PROBLEMS = {
  validation_failed: { status: 400, title: 'The request is invalid' },
  unauthenticated: { status: 401, title: 'A valid bearer token is required' },
  forbidden: { status: 403, title: 'Not allowed' },
  role_not_allowed: { status: 403, title: 'Your role may not do this' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  unsupported_media_type: { status: 415, title: 'The body must be uncompressed JSON' },
  invalid_transition: { status: 409, title: 'Not possible in the current state' },
  conflict: { status: 409, title: 'Changed concurrently' },
  rule_violation: { status: 422, title: 'A handling rule forbids this' },
  review_unavailable: { status: 422, title: 'No review is possible for this decision' },
  invalid_rows: { status: 422, title: 'The file has bad rows: nothing was imported' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key already used for another request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'The service is overloaded or shutting down' },
} as const satisfies Record<string, { status: number; title: string }>;

/**
 * A problem code (`'not_found'`, `'invalid_transition'`, …).
 *
 * @example
 * ```ts
 * const code: ProblemCode = 'rule_violation';
 * ```
 */
export type ProblemCode = keyof typeof PROBLEMS;

/**
 * The problem codes, in the order of {@link PROBLEMS}.
 *
 * @example
 * ```ts
 * PROBLEM_CODES.includes('rate_limited'); // true
 * ```
 */
export const PROBLEM_CODES = Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]];

/**
 * An RFC 9457 problem document, as every error of the service is sent (`application/problem+json`).
 * `errors` names each bad field; `allowedActions` lists what is possible now after a refused
 * transition.
 *
 * @example
 * ```ts
 * const p: Problem = { type: 'https://complaintkit.dev/problems/validation', title: 'Invalid request', status: 400, code: 'validation_failed', errors: [{ path: 'description', message: 'Required' }] };
 * ```
 */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  /** Machine-readable code, stable across releases: one of {@link PROBLEM_CODES}. */
  code: z.enum(PROBLEM_CODES),
  requestId: z.optional(z.string()),
  /**
   * Each bad field; for `invalid_rows` (a history import's bad rows) `line` is the file's line and, for
   * a CSV, `record` the row a spreadsheet shows it on (the header is record 1; after a quoted cell
   * holding a line break it is less than the line).
   */
  errors: z.optional(
    z.array(z.object({ path: z.string(), message: z.string(), line: z.optional(z.number().check(z.int())), record: z.optional(z.number().check(z.int())) })),
  ),
  allowedActions: z.optional(z.array(z.string())),
  /** Seconds to wait, for `rate_limited` and `unavailable` (also sent as `Retry-After`). */
  retryAfter: z.optional(z.number().check(z.int(), z.minimum(0))),
});
/** A problem document. @example `if (p.code === 'invalid_transition') console.log(p.allowedActions);` */
export interface Problem extends z.infer<typeof Problem> {}

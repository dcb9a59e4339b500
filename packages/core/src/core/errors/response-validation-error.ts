import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';
import type { FieldIssue } from './validation-error.js';

/**
 * The service answered with success, but the body does not match the shared schema (with
 * `validation: 'strict'`). Usually the client and service versions differ: upgrade the client, or
 * set `validation: 'warn'` to accept such answers with a warning. `issues` names the fields
 * (paths and messages only, never values).
 *
 * @example
 * ```ts
 * if (e instanceof ResponseValidationError) console.error(e.issues.map((i) => i.path));
 * ```
 */
export class ResponseValidationError extends ComplaintKitError {
  override readonly name = 'ResponseValidationError';
  readonly issues: readonly FieldIssue[];
  constructor(init: ErrorInit & { issues: readonly FieldIssue[] }) {
    super(
      init, 'response_validation_failed',
      `The response does not match the ComplaintKit schema at ${init.issues.map((i) => i.path || '(root)').join(', ')}`,
      'Align client and service versions, or set validation to "warn".',
    );
    this.issues = init.issues;
  }
}

import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/** One bad field: a dotted path and what is wrong with it. @example `const f: FieldIssue = { path: 'complainant.phone', message: 'Invalid' };` */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The request was refused as invalid, either by our own schema before anything was sent
 * (`source: 'client'`, `status` undefined) or by the service (`source: 'server'`, HTTP 400
 * `validation_failed`). `fields` names each bad field. Fix the input; do not retry as is.
 *
 * @example
 * ```ts
 * try {
 *   await client.complaints.create(input);
 * } catch (e) {
 *   if (e instanceof ValidationError) for (const f of e.fields) form.setError(f.path, f.message);
 * }
 * ```
 */
export class ValidationError extends ComplaintKitError {
  override readonly name = 'ValidationError';
  readonly fields: readonly FieldIssue[];
  readonly source: 'client' | 'server';
  constructor(init: ErrorInit & { fields: readonly FieldIssue[]; source: 'client' | 'server' }) {
    const paths = init.fields.map((f) => f.path || '(root)').join(', ');
    super(
      init, 'validation_failed',
      init.source === 'client' ? 'Request not sent: it fails the ComplaintKit schema' : 'The service refused the request as invalid',
      `Fix these fields and send again: ${paths || 'see fields'}.`,
    );
    this.fields = init.fields;
    this.source = init.source;
  }
}

import { acceptsPhone, type ComplaintCreateInput, codePointLength, hasVisibleText } from '@complaintkit/core/domain';
import type { MessageKey } from '../i18n/zh-cn.js';

/**
 * One field's problem, as a message key with its parameters (translated by the form).
 *
 * @example
 * ```ts
 * const p: FieldProblem = { key: 'tooLong', params: { max: 5000 } };
 * ```
 */
export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * The limits of the shared `ComplaintCreate` schema that the form checks as the customer types.
 * The schema itself (zod) loads with the outbox and has the last word at submit time
 * (`problemsFromFields`); `validate.test.ts` checks these against it so they cannot drift apart.
 * @internal
 */
export const LIMITS = { description: 5000, requestedResolution: 2000, name: 64 } as const;

/** The form's field for each wire path. @internal */
const FIELD_OF: Record<string, string> = {
  businessCategory: 'businessCategory',
  cause: 'cause',
  description: 'description',
  requestedResolution: 'requestedResolution',
  'complainant.name': 'name',
  'complainant.phone': 'phone',
};

/**
 * Checks a registration as the customer types (no schema code loaded yet) and says, per form
 * field, what is wrong in words a customer understands.
 *
 * @example
 * ```ts
 * validateComplaint({ ...input, description: ' ' }); // { description: { key: 'required' } }
 * ```
 */
export function validateComplaint(input: ComplaintCreateInput): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  if (!input.businessCategory) problems.businessCategory = { key: 'requiredChoice' };
  if (!input.cause) problems.cause = { key: 'requiredChoice' };
  const text = (field: string, value: string | undefined, max: number, required: boolean) => {
    const v = (value ?? '').trim();
    // Core's rule, the schema's: text of only spaces or zero-width characters (a pasted U+200B) is none.
    if (required && !hasVisibleText(v)) problems[field] = { key: 'required' };
    else if (codePointLength(v) > max) problems[field] = { key: 'tooLong', params: { max } };
  };
  text('description', input.description, LIMITS.description, true);
  text('requestedResolution', input.requestedResolution, LIMITS.requestedResolution, false);
  text('name', input.complainant.name, LIMITS.name, true);
  // Core's own check, the one the schema applies: numbers as people type them (full-width, spaces, +86).
  if (input.complainant.phone && !acceptsPhone(input.complainant.phone)) problems.phone = { key: 'badPhone' };
  return problems;
}

/**
 * Turns the field errors of the schema's verdict (`OutboxValidationError.fields`) into the form's
 * inline problems; paths the form has no field for are returned under `other`.
 *
 * @example
 * ```ts
 * problemsFromFields([{ path: 'complainant.phone', message: 'Invalid' }]); // { phone: { key: 'badPhone' } }
 * ```
 */
export function problemsFromFields(fields: readonly { path: string; message: string }[]): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const f of fields) {
    const field = FIELD_OF[f.path] ?? 'other';
    if (problems[field]) continue;
    problems[field] =
      field === 'phone' ? { key: 'badPhone' } : field === 'businessCategory' || field === 'cause' ? { key: 'requiredChoice' } : { key: 'required' };
  }
  return problems;
}

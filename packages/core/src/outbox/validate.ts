import { FollowUpBody } from '../domain/schemas/actions.js';
import { ComplaintCreate } from '../domain/schemas/complaint.js';
import { ComplaintId } from '../domain/schemas/primitives.js';
import { OutboxValidationError } from './errors.js';
import type { OutboxKind, OutboxPayload } from './types.js';

type Issue = { path: PropertyKey[]; message: string };
type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };

const fieldsOf = (issues: Issue[], prefix: string) =>
  issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));

/**
 * Checks a payload against ComplaintKit's schemas (the same the service uses) and returns it
 * normalised (trimmed, defaults filled in), or throws `OutboxValidationError` with the field errors.
 * Messages name fields only, never their values.
 *
 * @example
 * ```ts
 * const answer = validatePayload('survey', { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 5 } });
 * ```
 */
export function validatePayload<K extends OutboxKind>(kind: K, payload: unknown): OutboxPayload[K] {
  if (kind === 'complaint') {
    const r = ComplaintCreate.safeParse(payload) as Parsed<OutboxPayload['complaint']>;
    if (!r.success) throw new OutboxValidationError(kind, fieldsOf(r.error.issues, ''));
    return r.data as OutboxPayload[K];
  }
  if (kind === 'survey') {
    const p = (payload ?? {}) as { complaintId?: unknown; answer?: unknown };
    const id = ComplaintId.safeParse(p.complaintId) as Parsed<string>;
    const answer = FollowUpBody.safeParse(p.answer) as Parsed<OutboxPayload['survey']['answer']>;
    const fields = [...(id.success ? [] : fieldsOf(id.error.issues, 'complaintId')), ...(answer.success ? [] : fieldsOf(answer.error.issues, 'answer'))];
    if (!id.success || !answer.success) throw new OutboxValidationError(kind, fields);
    return { complaintId: id.data, answer: answer.data } as OutboxPayload[K];
  }
  throw new OutboxValidationError('item', [{ path: 'kind', message: "kind must be 'complaint' or 'survey'" }]);
}

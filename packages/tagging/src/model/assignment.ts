/**
 * One customer's tag as the CRM sees it: Adobe's segment-membership shape (docs/domain/tags.md). The
 * key `<customerId>|<code>` is the CRM record's external id. `version` is the version of the rule that
 * assigned it (`<rule kind>@<n>`).
 *
 * @example
 * ```ts
 * const a: TagAssignment = {
 *   key: 'C-1001|repeat_complainer', customerId: 'C-1001', code: 'repeat_complainer', status: 'active',
 *   validFrom: '2026-10-02T01:00:00.000Z', validUntil: '2026-12-31T01:00:00.000Z',
 *   evidence: ['CK20260901-000001', 'CK20260915-000007', 'CK20261002-000003'],
 *   version: 'repeat_complainer@1', lastEvaluatedAt: '2026-11-29T00:00:00.000Z',
 * };
 * ```
 */
export interface TagAssignment {
  readonly key: string;
  readonly customerId: string;
  readonly code: string;
  readonly status: 'active' | 'exited';
  readonly validFrom: string;
  /** `null`: until its cause ends. For an exited tag, when it was found to have ended. */
  readonly validUntil: string | null;
  /** Complaint numbers that caused it. */
  readonly evidence: readonly string[];
  readonly version: string;
  readonly lastEvaluatedAt: string;
}

/**
 * An append-only change of one assignment: `assigned` (a new tag, or new validity or evidence for an
 * active one) or `removed` (the tag exited). Events are never edited or deleted; the current state is
 * {@link currentTags} over them. The assignment before a change is the previous event of the same key,
 * already in the log: an event carries only whether there was one active (`wasActive`), which is what
 * a delta needs to tell a new tag from a changed one.
 *
 * Logs written before `@complaintkit/tagging` 0.2 carry the whole assignment before the change as
 * `previous` instead; {@link EventLog.read} sets `wasActive` from it, so old and new logs read alike.
 *
 * @example
 * ```ts
 * const e: TagEvent = { seq: 1, runId: 'run-2026-11-29', at: '2026-11-29T00:00:00.000Z', type: 'assigned', wasActive: false, assignment: a };
 * ```
 */
export interface TagEvent {
  /** Increases by one per event across all runs: a delta watermark. */
  readonly seq: number;
  readonly runId: string;
  /** The run's as-of instant. */
  readonly at: string;
  readonly type: 'assigned' | 'removed';
  /** Whether the key had an active assignment just before this event (always `true` for a removal). */
  readonly wasActive: boolean;
  /** The assignment after the change (`status: 'exited'` for a removal). */
  readonly assignment: TagAssignment;
  /**
   * Only in events of logs written before 0.2: the assignment before, or `null` if there was none
   * active. New logs leave it out (it is the previous event of the same key).
   */
  readonly previous?: TagAssignment | null;
}

/**
 * The key of an assignment: the CRM's external id for the tag record.
 *
 * @example
 * ```ts
 * tagKey('C-1001', 'churn_risk:high'); // 'C-1001|churn_risk:high'
 * ```
 */
export const tagKey = (customerId: string, code: string): string => `${customerId}|${code}`;

/**
 * The current state as a view over the events: for each key, its latest assignment. Pass the last
 * run's instant as `evaluatedAt` to stamp `lastEvaluatedAt` (every run evaluates every customer).
 *
 * @example
 * ```ts
 * const view = currentTags(events, '2026-11-29T00:00:00.000Z');
 * [...view.values()].filter((a) => a.status === 'active');
 * ```
 */
export function currentTags(events: Iterable<TagEvent>, evaluatedAt?: string): Map<string, TagAssignment> {
  const view = new Map<string, TagAssignment>();
  for (const e of events) view.set(e.assignment.key, e.assignment);
  if (evaluatedAt !== undefined) for (const [k, a] of view) view.set(k, { ...a, lastEvaluatedAt: evaluatedAt });
  return view;
}

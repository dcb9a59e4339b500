import type { ComplaintRow } from '../input/complaint-row.js';
import { parseInstant } from './iso-instant.js';

/**
 * What the engine keeps of one complaint: a few numbers and codes, no personal data. Times are epoch
 * milliseconds. A complaint that is merged or declined is not counted by any rule (docs/domain/metrics.md:
 * R(P) leaves them out), so it has no facts.
 *
 * @example
 * ```ts
 * const f = toFacts(row); // null for a merged or declined complaint
 * ```
 */
export interface ComplaintFacts {
  readonly id: string;
  readonly receivedAt: number;
  readonly category: string;
  readonly regulator: boolean;
  /** 0 normal, 1 complex, 2 sensitive, 3 major. */
  readonly severity: number;
  /** `group:basis` for each priority-group membership. */
  readonly priority: readonly string[];
  /** No decision yet and not ended: the decision clock may run out. */
  readonly undecided: boolean;
  readonly dueAt: number | null;
  readonly followUpAt: number | null;
  readonly score: number | null;
  readonly accepted: boolean | null;
  readonly reviewAt: number | null;
  /** When the service last changed it: a later version replaces an earlier one, never the reverse. */
  readonly updatedAt: number;
}

/**
 * @internal a severity as the number facts carry (and rules compare), lowest first.
 *
 * @example
 * ```ts
 * SEVERITY.major; // 3
 * ```
 */
export const SEVERITY = { normal: 0, complex: 1, sensitive: 2, major: 3 } as const;
/** @internal states before a decision, in which a complaint can become overdue (docs/domain/clocks.md). */
const UNDECIDED = new Set(['registered', 'accepted', 'in_progress', 'on_hold', 'escalated']);

/** @internal one shared empty list: most complainants are in no priority group. */
const NONE: readonly string[] = Object.freeze([]);

/** @internal one string per business category (checked codes, so few), shared by every kept complaint. */
const CATEGORIES = new Map<string, string>();
/** @internal */
const intern = (code: string): string => {
  const known = CATEGORIES.get(code);
  if (known !== undefined) return known;
  CATEGORIES.set(code, code);
  return code;
};

/** @internal */
const ms = (t: string | null | undefined): number | null => (t ? parseInstant(t) : null);

/**
 * The engine's facts of one complaint row, or `null` when no rule counts it (merged, declined).
 *
 * @example
 * ```ts
 * toFacts(row)?.receivedAt; // epoch ms
 * ```
 */
export function toFacts(row: ComplaintRow): ComplaintFacts | null {
  if (row.status === 'merged' || row.status === 'declined') return null;
  return {
    id: row.id,
    receivedAt: parseInstant(row.receivedAt),
    category: intern(row.businessCategory),
    regulator: row.intakeChannel === 'regulator_transfer',
    severity: SEVERITY[row.severity],
    priority: row.priorityGroups.length ? row.priorityGroups.map((g) => `${g.group}:${g.basis}`) : NONE,
    undecided: UNDECIDED.has(row.status),
    dueAt: ms(row.decisionDueAt),
    followUpAt: ms(row.followUpAt),
    score: row.satisfactionScore ?? null,
    accepted: row.decisionAccepted ?? null,
    reviewAt: ms(row.reviewRequestedAt),
    updatedAt: parseInstant(row.updatedAt),
  };
}

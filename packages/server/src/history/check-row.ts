import type { ClockOptions, Complaint } from '@complaintkit/core/domain';
import { complaintNumber } from '@complaintkit/core/domain';
import { type RowError, rowAt, validateRow } from './parse.js';
import { replayHistory } from './replay.js';
import type { RawRow } from './rows.js';

/**
 * What checking a row needs: the organisations (id → path and parent), the subtree the caller may
 * import into, and the service's clock options (so deadlines match live entry).
 *
 * @example
 * ```ts
 * const ctx: CheckContext = { orgs: new Map([['SB-4403', { path: '/HO/BR-44/SB-4403', parentId: 'BR-44' }]]) };
 * ```
 */
export interface CheckContext {
  readonly orgs: ReadonlyMap<string, { readonly path: string; readonly parentId: string | null }>;
  readonly underPath?: string | undefined;
  readonly clock?: Omit<ClockOptions, 'now'> | undefined;
}

/**
 * A row checked: its line, its source id once the row is a valid record, what is wrong with it, and
 * the complaint its replay gave when nothing is.
 *
 * @example
 * ```ts
 * const c: CheckedRow = { line: 2, sourceId: 'OLD-1', errors: [], complaint };
 * ```
 */
export interface CheckedRow {
  readonly line: number;
  readonly record?: number | undefined;
  readonly sourceId?: string | undefined;
  readonly errors: readonly RowError[];
  readonly complaint?: Complaint | undefined;
}

/**
 * Checks one row of a history file: validates it, checks its organisation is in the caller's
 * subtree, and replays it through the lifecycle once (a step the lifecycle refuses is an error naming
 * its column). What is checked here is what is written: the complaint, numbered afresh per batch.
 * Whether its source id repeats is the caller's to check (it needs the whole file).
 *
 * @example
 * ```ts
 * const c = checkRow({ line: 2, text: '{"sourceId":"OLD-1",…}' }, ctx);
 * ```
 */
export function checkRow(row: RawRow, ctx: CheckContext): CheckedRow {
  const v = validateRow(row);
  const at = rowAt(row);
  if ('errors' in v) return { ...at, errors: v.errors };
  const { record } = v;
  const org = ctx.orgs.get(record.orgId);
  if (!org || (ctx.underPath !== undefined && !org.path.startsWith(ctx.underPath))) {
    return { ...at, sourceId: record.sourceId, errors: [{ ...at, field: 'orgId', message: `no organisation ${record.orgId} in your subtree; load it first (complaintkit-server directory FILE)` }] };
  }
  const out = replayHistory(record, { id: complaintNumber(Date.parse(record.receivedAt), 1), firstSeq: 1, reviewerOrgId: org.parentId ?? undefined, clock: ctx.clock });
  if ('error' in out) return { ...at, sourceId: record.sourceId, errors: [{ ...at, ...out.error }] };
  return { ...at, sourceId: record.sourceId, errors: [], complaint: out.complaint };
}

import type { Complaint } from '@complaintkit/core/domain';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from './connect.js';
import { advanceCounters, counterValues } from './counters.js';
import { insertRows } from './insert-rows.js';
import { drawValues } from './reports/draw-values.js';
import { type FactsOptions, writeFacts } from './reports/facts-rows.js';
import { complaintRow, followUpRows, pathsOf } from './rows.js';
import type { Database, EventsTable, FollowUpsTable } from './schema.js';
import type { BankImport } from './store.js';

/** @internal the numeric counter of a complaint id (`CK20260301-000042` → 42). */
const numberOf = (id: string): number => Number(/-(\d+)$/.exec(id)?.[1] ?? 0);

/**
 * Writes a whole bank (organisations, staff, complaints and their timelines) inside the caller's
 * write transaction, with prepared multi-row inserts, and moves the complaint and event counters past
 * the numbers it wrote. List row numbers (`complaint_row`) are drawn from their counter (a sequence on
 * PostgreSQL), so writers running beside an import never take the same one. With `refreshRepeats:
 * false` the repeat flags of the complaints' customers are left for one `refreshRepeats` after the last
 * batch (what a history import does: the same flags, computed once). With `fresh: true` (complaints
 * numbered in this very transaction, as an import batch's are) their facts are inserted with nothing
 * to replace.
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, kind, (tx) => importBank(tx, kind, bank));
 * ```
 */
export async function importBank(db: Kysely<Database>, kind: DatabaseKind, bank: BankImport, facts: FactsOptions = {}, options: { refreshRepeats?: boolean; fresh?: boolean } = {}) {
  const existing = await db.selectFrom('organisations').select(['id', 'path']).execute();
  const paths = pathsOf(bank.organisations, new Map(existing.map((o) => [o.id, o.path])));
  await insertRows(
    db,
    'organisations',
    bank.organisations.map((o) => ({
      id: o.id,
      parent_id: o.parentId,
      path: paths.get(o.id) as string,
      kind: o.kind,
      name: o.name,
      region_code: o.regionCode,
      outlet_count: o.outletCount ?? null,
      customer_count: o.customerCount ?? null,
    })),
  );
  await insertRows(
    db,
    'staff',
    bank.staff.map((s) => ({ id: s.id, org_id: s.orgId, role: s.role, name: s.name })),
  );

  const pathOf = (orgId: string): string => {
    const p = paths.get(orgId) ?? existing.find((o) => o.id === orgId)?.path;
    if (!p) throw new Error(`complaint refers to organisation ${orgId}, which is not in the bank`);
    return p;
  };
  const counters = await counterValues(db, kind);

  // Oldest first, so that row order (the list's "newest first") follows receipt.
  const complaints = [...bank.complaints].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.id.localeCompare(b.id));
  const rows = await drawValues(db, kind, 'complaint_row', complaints.length);
  let maxSeq = counters.event_seq;
  let maxNo = counters.complaint_no;
  const complaintRows = [];
  const eventRows: EventsTable[] = [];
  const followUps: FollowUpsTable[] = [];
  for (const c of complaints as Complaint[]) {
    const access = {
      handlingOrgPath: pathOf(c.handlingOrgId),
      firstOrgPath: c.firstResponder ? pathOf(c.firstResponder.orgId) : null,
    };
    // Each event serialised once: its text is both the events row and part of the document.
    const texts = c.timeline.map((e) => JSON.stringify(e));
    complaintRows.push(complaintRow(c, access, rows[complaintRows.length] as number, texts));
    followUps.push(...followUpRows(c));
    maxNo = Math.max(maxNo, numberOf(c.id));
    for (const [i, e] of c.timeline.entries()) {
      maxSeq = Math.max(maxSeq, e.seq);
      eventRows.push({
        seq: e.seq,
        complaint_id: c.id,
        at: Date.parse(e.at),
        type: e.type,
        handling_org_path: access.handlingOrgPath,
        first_org_path: access.firstOrgPath,
        customer_id: c.complainant.customerId ?? null,
        event: texts[i] as string,
        snapshot: null,
      });
    }
  }
  await insertRows(db, 'complaints', complaintRows);
  await insertRows(db, 'events', eventRows);
  await insertRows(db, 'follow_ups', followUps);
  await writeFacts(
    db,
    complaints.map((c) => ({ complaint: c as Complaint, orgPath: pathOf(c.handlingOrgId) })),
    facts,
    options.refreshRepeats ?? true,
    options.fresh ?? false,
  );
  // Only numbers the bank brought beyond the counters (a demo bank's): numbers drawn from them (an
  // import batch's) are behind them already, and setting a PostgreSQL sequence back to its own value
  // could undo a concurrent writer's draw.
  await advanceCounters(db, kind, {
    event_seq: maxSeq > counters.event_seq ? maxSeq : 0,
    complaint_no: maxNo > counters.complaint_no ? maxNo : 0,
    complaint_row: 0,
  });
  return { organisations: bank.organisations.length, staff: bank.staff.length, complaints: complaints.length, events: eventRows.length };
}

import type { Complaint } from '@complaintkit/core/domain';
import type { Insertable, Kysely } from 'kysely';
import type { DatabaseKind } from './connect.js';
import { advanceCounters, counterValues } from './counters.js';
import { type FactsOptions, writeFacts } from './reports/facts-rows.js';
import { complaintRow, followUpRows, pathsOf } from './rows.js';
import type { Database, EventsTable, FollowUpsTable } from './schema.js';
import type { BankImport } from './store.js';

/** @internal inserts rows in batches that stay under both dialects' bound-parameter limits. */
async function insertBatched<T extends keyof Database>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen by a generic parameter.
    await db.insertInto(table).values(rows.slice(i, i + size) as any).execute();
  }
}

/** @internal the numeric counter of a complaint id (`CK20260301-000042` → 42). */
const numberOf = (id: string): number => Number(/-(\d+)$/.exec(id)?.[1] ?? 0);

/**
 * Writes a whole bank (organisations, staff, complaints and their timelines) inside the caller's
 * write transaction, with batched inserts, and moves every counter past what it wrote.
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, kind, (tx) => importBank(tx, kind, bank));
 * ```
 */
export async function importBank(db: Kysely<Database>, kind: DatabaseKind, bank: BankImport, facts: FactsOptions = {}) {
  const existing = await db.selectFrom('organisations').select(['id', 'path']).execute();
  const paths = pathsOf(bank.organisations, new Map(existing.map((o) => [o.id, o.path])));
  await insertBatched(
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
  await insertBatched(
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
  let row = counters.complaint_row;
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
    complaintRows.push(complaintRow(c, access, ++row));
    followUps.push(...followUpRows(c));
    maxNo = Math.max(maxNo, numberOf(c.id));
    for (const e of c.timeline) {
      maxSeq = Math.max(maxSeq, e.seq);
      eventRows.push({
        seq: e.seq,
        complaint_id: c.id,
        at: Date.parse(e.at),
        type: e.type,
        handling_org_path: access.handlingOrgPath,
        first_org_path: access.firstOrgPath,
        customer_id: c.complainant.customerId ?? null,
        event: JSON.stringify(e),
        snapshot: null,
      });
    }
  }
  await insertBatched(db, 'complaints', complaintRows);
  await insertBatched(db, 'events', eventRows);
  await insertBatched(db, 'follow_ups', followUps);
  await writeFacts(
    db,
    complaints.map((c) => ({ complaint: c as Complaint, orgPath: pathOf(c.handlingOrgId) })),
    facts,
  );
  await advanceCounters(db, kind, { event_seq: maxSeq, complaint_no: maxNo, complaint_row: row });
  return { organisations: bank.organisations.length, staff: bank.staff.length, complaints: complaints.length, events: eventRows.length };
}

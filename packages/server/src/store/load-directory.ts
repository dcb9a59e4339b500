import type { Organisation } from '@complaintkit/core/domain';
import type { Kysely } from 'kysely';
import { type DirectoryPlan, planDirectory } from '../directory/plan.js';
import type { BankDirectoryFile } from '../directory/schema.js';
import type { DatabaseKind } from './connect.js';
import { insertRows } from './insert-rows.js';
import { organisationOf, pathsOf } from './rows.js';
import type { Database } from './schema.js';
import type { StaffMember } from './store.js';
import { inWriteTransaction } from './write-transaction.js';

/** @internal the columns of an organisation that a directory file may set. */
const orgColumns = (o: Organisation) => ({
  kind: o.kind,
  name: o.name,
  region_code: o.regionCode,
  outlet_count: o.outletCount ?? null,
  customer_count: o.customerCount ?? null,
});

/**
 * Writes a checked directory plan (`directory/plan.ts`) inside the caller's write transaction: new
 * organisations with their materialised paths, changed ones, new staff and changed staff. The plan
 * was made from the same database, so every parent it names exists by the time its child is written.
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, kind, (tx) => writeDirectory(tx, plan));
 * ```
 */
export async function writeDirectory(db: Kysely<Database>, plan: DirectoryPlan): Promise<void> {
  const existing = await db.selectFrom('organisations').select(['id', 'path']).execute();
  const paths = pathsOf(plan.addOrganisations, new Map(existing.map((o) => [o.id, o.path])));
  await insertRows(
    db,
    'organisations',
    plan.addOrganisations.map((o) => ({ id: o.id, parent_id: o.parentId, path: paths.get(o.id) as string, ...orgColumns(o) })),
  );
  for (const o of plan.updateOrganisations) await db.updateTable('organisations').set(orgColumns(o)).where('id', '=', o.id).execute();
  await insertRows(
    db,
    'staff',
    plan.addStaff.map((s) => ({ id: s.id, org_id: s.orgId, role: s.role, name: s.name, active: s.active ? 1 : 0 })),
  );
  for (const s of plan.updateStaff) {
    await db.updateTable('staff').set({ org_id: s.orgId, role: s.role, name: s.name, active: s.active ? 1 : 0 }).where('id', '=', s.id).execute();
  }
}

/**
 * Checks a directory file against the bank as it is in one write transaction and, unless `dryRun`,
 * writes it there: either the whole file lands or nothing does.
 *
 * @example
 * ```ts
 * const plan = await loadDirectory(db, 'sqlite', file);
 * if (plan.errors.length) console.error(plan.errors);
 * ```
 */
export function loadDirectory(db: Kysely<Database>, kind: DatabaseKind, file: BankDirectoryFile, options: { dryRun?: boolean } = {}): Promise<DirectoryPlan> {
  return inWriteTransaction(db, kind, async (tx) => {
    const organisations = (await tx.selectFrom('organisations').selectAll().execute()).map(organisationOf);
    const rows = await tx.selectFrom('staff').select(['id', 'org_id', 'role', 'name', 'active']).execute();
    const staff = new Map(rows.map((r) => [r.id, { id: r.id, orgId: r.org_id, role: r.role as StaffMember['role'], name: r.name, active: Number(r.active) === 1 }]));
    const plan = planDirectory(file, { organisations, staff });
    if (plan.errors.length === 0 && !options.dryRun) await writeDirectory(tx, plan);
    return plan;
  });
}

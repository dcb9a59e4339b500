import type { Complaint } from '@complaintkit/core/domain';
import type { Kysely } from 'kysely';
import { followUpRows, recordColumns } from '../rows.js';
import type { Database } from '../schema.js';
import { upgradeDocument } from '../upgrade-document.js';

/** @internal rewrites every complaint document and event snapshot in the current record shape (0004). */
export async function upgradeStoredDocuments(db: Kysely<Database>): Promise<void> {
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'kind', 'region_code']).execute()).map((o) => [o.id, { kind: o.kind as never, regionCode: o.region_code }]));
  const rows = await db.selectFrom('complaints').select(['id', 'document']).execute();
  const upgraded = rows.map((r) => upgradeDocument(JSON.parse(r.document), orgs));
  // The target of a merge lists what was merged into it.
  const mergedFrom = new Map<string, string[]>();
  for (const c of upgraded) if (c.mergedInto) mergedFrom.set(c.mergedInto, [...(mergedFrom.get(c.mergedInto) ?? []), c.id]);
  for (const c0 of upgraded) {
    const c: Complaint = { ...c0, mergedFrom: mergedFrom.get(c0.id) ?? [] };
    await db
      .updateTable('complaints')
      .set({ ...recordColumns(c), region_code: c.regionCode, document: JSON.stringify(c) })
      .where('id', '=', c.id)
      .execute();
    const followUps = followUpRows(c);
    if (followUps.length > 0) await db.insertInto('follow_ups').values(followUps).execute();
  }
  const snapshots = await db.selectFrom('events').select(['seq', 'snapshot']).where('snapshot', 'is not', null).execute();
  for (const e of snapshots) {
    const c = upgradeDocument(JSON.parse(e.snapshot as string), orgs);
    await db.updateTable('events').set({ snapshot: JSON.stringify(c) }).where('seq', '=', e.seq).execute();
  }
}

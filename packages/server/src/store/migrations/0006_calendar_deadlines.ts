import { activeDeadline, type Complaint, deadlinesOf } from '@complaintkit/core/domain';
import type { Kysely, Migration } from 'kysely';
import type { Database } from '../schema.js';

/** @internal the deadlines of a stored document, recomputed on the holiday calendar, as of `now`. */
const recompute = (doc: Complaint, now: number): Complaint => ({ ...doc, deadlines: deadlinesOf(doc, { now }) });

/** Migration 0006_calendar_deadlines: deadlines on the public-holiday calendar, with coverage and the review's warning. */
export const migration: Migration = {
  // docs/domain/clocks.md: deadlines were stored counted with weekends only. Every stored document and
  // event snapshot gets its deadlines recomputed from its own timeline on the mainland-China calendar
  // core ships (a bank's calendar file applies from the next step on), which also fills the fields
  // this schema adds (`calendarCovered`, `reviewWarnAt`); the list columns follow. Nothing else changes.
  async up(raw: Kysely<unknown>) {
    const db = raw as Kysely<Database>;
    const now = Date.now();
    const rows = await db.selectFrom('complaints').select(['id', 'document']).execute();
    for (const r of rows) {
      const c = recompute(JSON.parse(r.document) as Complaint, now);
      const due = activeDeadline(c);
      await db
        .updateTable('complaints')
        .set({ document: JSON.stringify(c), due_at: due ? Date.parse(due.dueAt) : null, warn_at: due ? Date.parse(due.warnAt) : null })
        .where('id', '=', r.id)
        .execute();
    }
    const snapshots = await db.selectFrom('events').select(['seq', 'snapshot']).where('snapshot', 'is not', null).execute();
    for (const e of snapshots) {
      const c = JSON.parse(e.snapshot as string) as Complaint;
      await db.updateTable('events').set({ snapshot: JSON.stringify(recompute(c, Date.parse(c.updatedAt))) }).where('seq', '=', e.seq).execute();
    }
  },
  // The recomputed deadlines are what the old code would compute with a calendar injected: kept.
  async down() {},
};

import type { Kysely, Migration } from 'kysely';
import type { Database } from '../schema.js';

/** Migration 0012_step_keys: The idempotency key a lifecycle step was sent with stays on its event. */
export const migration: Migration = {
  // Idempotency records expire after 24 h, but an outbox may hold a step longer (a lost answer, then
  // days offline). A repeatable step (a second follow-up attempt) retried then would be recorded
  // twice. The key stays on the event the step wrote, unique per caller scope, for as long as the
  // complaint exists, as 0008 does for creations. Steps answered under a record still held get its
  // key, so a database upgraded within the window loses no guarantee.
  async up(db: Kysely<unknown>) {
    for (const col of ['step_scope', 'step_key', 'step_hash']) await db.schema.alterTable('events').addColumn(col, 'text').execute();
    await db.schema.createIndex('events_step_key').on('events').columns(['step_scope', 'step_key']).unique().execute();
    const d = db as unknown as Kysely<Database>;
    // A step answers 200 with the complaint after it; its newest timeline event is the step's.
    const records = await d.selectFrom('idempotency').select(['scope', 'key', 'request_hash', 'response']).where('status_code', '=', 200).execute();
    for (const r of records) {
      // Every response is a copy before 0027 (which runs after this on any database).
      const step = r.response === null ? undefined : stepOf(r.response);
      if (!step) continue;
      await d
        .updateTable('events')
        .set({ step_scope: r.scope, step_key: r.key, step_hash: r.request_hash })
        .where('complaint_id', '=', step.id)
        .where('seq', '=', step.seq)
        .where('type', '!=', 'register')
        .where('step_key', 'is', null)
        .execute();
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('events_step_key').ifExists().execute();
    for (const col of ['step_scope', 'step_key', 'step_hash']) await db.schema.alterTable('events').dropColumn(col).execute();
  },
};

/** @internal the complaint id and the newest event's seq of a stored step answer, if it is one. */
function stepOf(response: string): { id: string; seq: number } | undefined {
  try {
    const body = JSON.parse(response) as { id?: unknown; timeline?: Array<{ seq?: unknown }> };
    const seq = body.timeline?.[body.timeline.length - 1]?.seq;
    return typeof body.id === 'string' && typeof seq === 'number' ? { id: body.id, seq } : undefined;
  } catch {
    return undefined;
  }
}

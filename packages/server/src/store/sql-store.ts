import { EventEmitter } from 'node:events';
import {
  activeDeadline,
  type Alert,
  type Complaint,
  type ComplaintListQuery,
  type CustomerTag,
  type CustomerTagImport,
  DEFAULT_REPEAT_WINDOW_DAYS,
  redactComplaintText,
  redactEventText,
  type TimelineEvent,
} from '@complaintkit/core/domain';
import type { IdentityHasher } from '@complaintkit/core/node';
import { type Kysely, sql } from 'kysely';
import { maskComplaint } from '../policy/mask.js';
import { type Visibility, visibilitySql } from '../policy/visibility.js';
import type { DatabaseKind } from './connect.js';
import { IdempotencyKeyReusedError, ConcurrentUpdateError, InvalidCursorError, isTransientConflict, isUniqueViolation } from './errors.js';
import { type CounterName, counterValues, nextValue, nextValues } from './counters.js';
import { COUNTER_SEQUENCES } from './migrations/0008b_event_sequences.js';
import { importBank } from './import-bank.js';
import { loadDirectory } from './load-directory.js';
import { likePrefix } from './like-prefix.js';
import { decodeCursor, encodeCursor, listConditions } from './list-query.js';
import { assertMigratedSchema, migrateToLatest, pendingMigrations } from './migrate.js';
import { type FactsOptions, freshFactsRow, refreshAfterFreshFacts, refreshRepeats, writeFacts } from './reports/facts-rows.js';
import { ALERT_EVENT_TYPE, type ReportingStore, sqlReporting } from './reports/reporting-store.js';
import { complaintRow, followUpRows, identityUnhashed, organisationOf, recordOf } from './rows.js';
import type { Database, EventsTable, IdempotencyTable, OrganisationsTable } from './schema.js';
import type {
  ComplaintPage,
  ComplaintRecord,
  IdempotentRequest,
  MutateOptions,
  OrganisationRecord,
  StaffMember,
  StaffWithOrganisation,
  Store,
  StoredChange,
  StoredResult,
  WriteTransaction,
} from './store.js';
import { allowLongStatements, inWriteTransaction } from './write-transaction.js';
import { GroupCommit } from './group-commit.js';
import { walSyncOf } from './sqlite-direct.js';
import { type CompiledOnceOptions, compiledOnce, insertRow, rowShape } from './compiled-once.js';
import { writeCreation } from './pg-creation.js';
import { DEFAULT_IDEMPOTENCY_TTL_MS } from '../jobs/expire-idempotency.js';
import { customerLockOrder, lockComplaintWriters, lockCustomers, lockCustomersSql, lockRowCustomerSql } from './customer-locks.js';

type Db = Kysely<Database>;

/** @internal a staff row joined to its organisation (columns as `reads.staffWithOrganisation` and a key lookup with a staff check name them). */
interface StaffRow {
  readonly staff_id: string;
  readonly org_id: string;
  readonly role: string;
  readonly staff_name: string;
  readonly id: string | null;
  readonly parent_id: string | null;
  readonly path: string | null;
  readonly kind: string | null;
  readonly name: string | null;
  readonly region_code: string | null;
  readonly outlet_count: number | null;
  readonly customer_count: number | null;
}

/** @internal the staff member and organisation of a {@link StaffRow}. */
function staffFound(row: StaffRow): StaffWithOrganisation {
  const { staff_id, org_id, role, staff_name, ...org } = row;
  return {
    staff: { id: staff_id, orgId: org_id, role: role as StaffMember['role'], name: staff_name },
    organisation: org.id === null ? undefined : organisationOf(org as OrganisationsTable),
  };
}

/** @internal reads shared by the store and its write transactions. */
const reads = {
  async organisation(db: Db, id: string): Promise<OrganisationRecord | undefined> {
    const { rows } = await compiledOnce(db, 'organisation', [id], () => db.selectFrom('organisations').selectAll().where('id', '=', id).compile());
    return rows[0] && organisationOf(rows[0]);
  },
  async staff(db: Db, id: string): Promise<StaffMember | undefined> {
    const row = await db.selectFrom('staff').select(['id', 'org_id', 'role', 'name']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
    return row && { id: row.id, orgId: row.org_id, role: row.role as StaffMember['role'], name: row.name };
  },
  async staffWithOrganisation(db: Db, id: string): Promise<StaffWithOrganisation | undefined> {
    // Every staff request reads this (the token checked against the record): compiled once.
    const { rows } = await compiledOnce(db, 'staffWithOrganisation', [id, 1], () =>
      db
      .selectFrom('staff')
      .leftJoin('organisations', 'organisations.id', 'staff.org_id')
      .select(['staff.id as staff_id', 'staff.org_id', 'staff.role', 'staff.name as staff_name'])
      .select(['organisations.id', 'organisations.parent_id', 'organisations.path', 'organisations.kind', 'organisations.name'])
      .select(['organisations.region_code', 'organisations.outlet_count', 'organisations.customer_count'])
      .where('staff.id', '=', id)
      .where('staff.active', '=', 1)
      .compile(),
    );
    return rows[0] && staffFound(rows[0]);
  },
  async provinceBranch(db: Db, regionCode: string): Promise<OrganisationRecord | undefined> {
    const row = await db
      .selectFrom('organisations')
      .selectAll()
      .where('kind', '=', 'branch')
      .where('region_code', '=', `${regionCode.slice(0, 2)}0000`)
      .orderBy('id')
      .executeTakeFirst();
    return row && organisationOf(row);
  },
  async headOffice(db: Db): Promise<OrganisationRecord | undefined> {
    const row = await db.selectFrom('organisations').selectAll().where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
    return row && organisationOf(row);
  },
  async complaint(db: Db, id: string): Promise<ComplaintRecord | undefined> {
    const { rows } = await compiledOnce(db, 'complaint', [id], () =>
      db.selectFrom('complaints').select(['document', 'handling_org_path', 'first_org_path', 'customer_id']).where('id', '=', id).compile(),
    );
    return rows[0] && recordOf(rows[0]);
  },
};

/** @internal the access paths of a complaint, from its handling organisation and first responder. */
async function pathsFor(organisation: (id: string) => Promise<OrganisationRecord | undefined>, c: Complaint): Promise<{ handlingOrgPath: string; firstOrgPath: string | null }> {
  const handling = await organisation(c.handlingOrgId);
  if (!handling) throw new Error(`handling organisation ${c.handlingOrgId} does not exist`);
  const first = c.firstResponder ? await organisation(c.firstResponder.orgId) : undefined;
  return { handlingOrgPath: handling.path, firstOrgPath: first?.path ?? null };
}

/** @internal when a stored complaint was registered (epoch ms; `NaN` if its document does not say). */
const createdAt = (document: string): number => Date.parse((JSON.parse(document) as { createdAt?: string }).createdAt ?? '');

/** @internal the `events` row of the newest timeline event of a complaint, with the masked snapshot after it. */
function lastEventRow(
  c: Complaint,
  paths: { handlingOrgPath: string; firstOrgPath: string | null },
  step: Pick<EventsTable, 'step_scope' | 'step_key' | 'step_hash'> = {},
): EventsTable {
  const event = c.timeline[c.timeline.length - 1] as TimelineEvent;
  return {
    seq: event.seq,
    complaint_id: c.id,
    at: Date.parse(event.at),
    type: event.type,
    handling_org_path: paths.handlingOrgPath,
    first_org_path: paths.firstOrgPath,
    customer_id: c.complainant.customerId ?? null,
    event: JSON.stringify(event),
    snapshot: JSON.stringify(maskComplaint(c)),
    ...step,
  };
}

/** @internal writes the newest timeline event of a complaint, with the masked snapshot after it. */
async function insertLastEvent(
  db: Db,
  c: Complaint,
  paths: { handlingOrgPath: string; firstOrgPath: string | null },
  step: Pick<EventsTable, 'step_scope' | 'step_key' | 'step_hash'> = {},
) {
  await insertRow(db, 'events', lastEventRow(c, paths, step));
}

/** @internal writes the follow-up attempts the `follow_ups` table does not hold yet (attempts are only ever appended). */
async function saveFollowUps(db: Db, c: Complaint) {
  if (c.followUps.length === 0) return;
  const row = await db
    .selectFrom('follow_ups')
    .select((eb) => eb.fn.max('attempt').as('last'))
    .where('complaint_id', '=', c.id)
    .executeTakeFirst();
  const last = Number(row?.last ?? 0);
  const fresh = followUpRows(c).filter((f) => f.attempt > last);
  if (fresh.length > 0) await db.insertInto('follow_ups').values(fresh).execute();
}

/** @internal how often a write runs before a concurrent conflict is given back to the caller. */
const MAX_ATTEMPTS = 5;

/** @internal how long `lastEventSeq` waits for the writers of a snapshot to finish (ms). */
const SETTLE_MS = 10_000;

/** @internal what a keyed write finds under its key before it runs. */
interface KeyedPrior {
  /** The idempotency record (`null` columns when none). */
  readonly request_hash: string | null;
  readonly status_code: number | null;
  readonly response: string | null;
  /** When the record was written (epoch ms). */
  readonly created_at: number | null;
  /** The complaint created with the key (a creation's lookup only). */
  readonly document: string | null;
  readonly handling_org_path: string | null;
  readonly first_org_path: string | null;
  readonly customer_id: string | null;
  readonly creation_hash: string | null;
  /** The complaint a step with the key wrote an event of (a step's lookup only). */
  readonly step_complaint_id: string | null;
  readonly step_hash: string | null;
  /**
   * PostgreSQL, a creation's lookup: the creation's numbers, drawn in the same statement when the key
   * has no prior (else `null`): one round trip less than drawing them when the complaint is built.
   */
  readonly complaint_no?: number | null;
  readonly event_seq?: number | null;
  readonly complaint_row?: number | null;
  /** PostgreSQL, a lookup with a staff check: the staff row and its organisation (`staff_id` null when none is active). */
  readonly staff_id?: string | null;
}

/** @internal the counters a creation draws (`nextCreationNumbers`), in the order `nextValues` draws them. */
const CREATION_COUNTERS = ['complaint_no', 'event_seq', 'complaint_row'] as const;

/**
 * @internal one read for everything a keyed write looks up first: this caller's idempotency record
 * of the key and, for a creation, the complaint created with it (kept past the record's expiry) or,
 * for a step, the event written with it. A creation's record is on PostgreSQL the one it wrote (filled
 * in by 0027's trigger before the complaint first changes); on SQLite, where a creation writes none
 * (0028), the one 0029's trigger writes when the document first changes within 24 h of the registration,
 * and none for a complaint unchanged since (its document is then the first answer) or first changed later. Each is a unique-index probe; one statement instead of two
 * (on PostgreSQL one round trip, which also takes the transaction's id and, for a creation with
 * nothing under its key, draws its numbers). With `staffId` (PostgreSQL, see `MutateOptions.staffCheck`)
 * it also reads the active staff member and their organisation, as `reads.staffWithOrganisation` does:
 * the token's check in the same round trip.
 */
async function keyedPrior(db: Db, kind: DatabaseKind, idem: IdempotentRequest, staffId?: string, locks: readonly string[] = []): Promise<KeyedPrior & Partial<StaffRow>> {
  const none = sql`null`;
  const draw = kind === 'postgres' && idem.creation !== undefined;
  const sequences = draw ? CREATION_COUNTERS.map((n) => COUNTER_SEQUENCES[n]) : [];
  // PostgreSQL: the customers' locks first (see lockCustomersSql), before the transaction takes its id.
  const lock = kind === 'postgres' && locks.length > 0;
  const values = [
    ...(lock ? [locks] : []),
    ...sequences,
    idem.scope,
    idem.key,
    idem.scope,
    idem.key,
    ...(idem.step ? [idem.scope, idem.key] : []),
    ...(staffId !== undefined ? [staffId] : []),
  ];
  // PostgreSQL: the transaction takes its id here, before any event number is drawn (see
  // inWriteTransaction): each number is drawn in a CASE whose first branch takes the id, and only when
  // the key has no prior (a replay draws none). A creation refused after this (a 400) leaves its
  // numbers unused, as a rolled-back one does.
  const numbers = draw
    ? sql`${sql.join(
        CREATION_COUNTERS.map(
          (n, i) =>
            sql`case when pg_current_xact_id() is null then null when i.request_hash is not null or c.document is not null then null else nextval(${sequences[i]}) end as ${sql.id(n)}`,
        ),
      )}, `
    : sql``;
  const { rows } = await compiledOnce(db, `keyedPrior ${kind} ${idem.creation ? 'creation' : ''} ${idem.step ? 'step' : ''} ${staffId !== undefined ? 'staff' : ''} ${lock ? 'lock' : ''}`, values, () => sql<KeyedPrior & Partial<StaffRow>>`select ${lock ? sql`${lockCustomersSql(locks)} as customers_locked, ` : sql``}${kind === 'postgres' ? sql`pg_current_xact_id() as xact, ` : sql``}${numbers}i.request_hash, i.status_code, i.response, i.created_at,
      ${idem.creation ? sql`c.document, c.handling_org_path, c.first_org_path, c.customer_id` : sql`${none} as document, ${none} as handling_org_path, ${none} as first_org_path, ${none} as customer_id`}, c.creation_hash,
      ${idem.step ? sql`e.complaint_id as step_complaint_id, e.step_hash` : sql`${none} as step_complaint_id, ${none} as step_hash`}
      ${staffId !== undefined ? sql`, s.id as staff_id, s.org_id, s.role, s.name as staff_name, o.id, o.parent_id, o.path, o.kind, o.name, o.region_code, o.outlet_count, o.customer_count` : sql``}
    from (select 1 as probe) as p
    left join idempotency as i on i.scope = ${idem.scope} and i.key = ${idem.key}
    left join complaints as c on c.creation_scope = ${idem.scope} and c.creation_key = ${idem.key}
    ${idem.step ? sql`left join events as e on e.step_scope = ${idem.scope} and e.step_key = ${idem.key}` : sql``}
    ${staffId !== undefined ? sql`left join staff as s on s.id = ${staffId} and s.active = 1 left join organisations as o on o.id = s.org_id` : sql``}`.compile(db));
  return rows[0] as KeyedPrior & Partial<StaffRow>;
}

/** @internal what a write transaction starts with besides its Kysely. */
interface Known {
  /** Organisations read for this request before the transaction (PostgreSQL: not read again). */
  readonly organisations?: readonly OrganisationRecord[] | undefined;
  /** A creation's numbers, drawn by its key lookup (PostgreSQL). */
  readonly drawn?: Record<(typeof CREATION_COUNTERS)[number], number> | undefined;
  /** The customer keys whose locks the transaction's first statement took (PostgreSQL; see `lockCustomersSql`). */
  readonly locked?: readonly string[] | undefined;
}

/** @internal the creation numbers a key lookup drew, when it drew them. */
function drawnBy(prior: KeyedPrior): Known['drawn'] {
  const { complaint_no, event_seq, complaint_row } = prior;
  return complaint_no == null || event_seq == null || complaint_row == null ? undefined : { complaint_no, event_seq, complaint_row };
}

/** @internal a write transaction's facade, and how its write ends. */
interface OpenWrite {
  readonly tx: WriteTransaction;
  /**
   * Writes what is left once `fn` returned (its idempotency record, if any) as the transaction's
   * last statement: on PostgreSQL with the creation's deferred repeat flags and dirty cells in one
   * statement, and the commit written behind it (see `THEN_COMMIT`). Nothing may run after it.
   */
  finish(record: IdempotencyTable | undefined): Promise<void>;
  /** The stored document of the complaint a keyed creation inserted (none yet, or not a keyed creation: `undefined`). */
  readonly createdDocument: () => string | undefined;
}

/** @internal the write-transaction facade over a transaction's Kysely. */
function writeTransaction(db: Db, kind: DatabaseKind, idem: IdempotentRequest | undefined, factsOptions: FactsOptions, known: Known = {}): OpenWrite {
  const bump = (name: CounterName) => nextValue(db, kind, name);
  // Organisations do not change inside a complaint's write: each is read once per transaction (a
  // registration asked for the handling organisation up to three times). On PostgreSQL those the
  // request read already (the caller's) are not read again.
  const organisations = new Map<string, Promise<OrganisationRecord | undefined>>();
  if (kind === 'postgres') for (const o of known.organisations ?? []) organisations.set(o.id, Promise.resolve(o));
  let drawn = known.drawn;
  // PostgreSQL: the customers this transaction holds the lock of; a creation of another customer takes its lock before it writes.
  const locked = new Set(known.locked);
  const organisation = (id: string) => {
    let found = organisations.get(id);
    if (!found) {
      found = reads.organisation(db, id);
      organisations.set(id, found);
    }
    return found;
  };
  /** The list row order drawn with the creation numbers, for the complaint inserted next. */
  let drawnRow: number | undefined;
  /** A keyed creation's stored document (see `OpenWrite.createdDocument`). */
  let createdDocument: string | undefined;
  /**
   * PostgreSQL: a creation's rows (complaint, event, facts), repeat flags and dirty cells, not written
   * yet: the write's last statement carries them with its idempotency record and commit (`finish`), or
   * the next statement of the transaction runs them first (`flushed`), so every statement still sees them.
   */
  let pending: ((record: IdempotencyTable | undefined, run: CompiledOnceOptions) => Promise<void>) | undefined;
  const flush = async () => {
    if (pending) {
      const write = pending;
      pending = undefined;
      await write(undefined, {});
    }
  };
  const flushed = <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await flush();
      return f(...args);
    };
  const tx: WriteTransaction = {
    getComplaint: flushed((id: string) => reads.complaint(db, id)),
    getOrganisation: flushed(organisation),
    getStaff: flushed((id: string) => reads.staff(db, id)),
    findProvinceBranch: flushed((regionCode: string) => reads.provinceBranch(db, regionCode)),
    headOffice: flushed(() => reads.headOffice(db)),
    nextEventSeq: flushed(() => bump('event_seq')),
    nextComplaintNumber: flushed(() => bump('complaint_no')),
    nextCreationNumbers: flushed(async () => {
      const numbers = drawn ?? (await nextValues(db, kind, CREATION_COUNTERS));
      drawn = undefined;
      drawnRow = numbers.complaint_row;
      return { complaintNumber: numbers.complaint_no, eventSeq: numbers.event_seq };
    }),
    insertComplaint: flushed(async (c: Complaint) => {
      const paths = await pathsFor(organisation, c);
      const rowSeq = drawnRow ?? (await bump('complaint_row'));
      drawnRow = undefined;
      // A creation's key stays with the complaint (unique per scope): exactly-once past the record's expiry.
      const creation = idem?.creation ? { creation_scope: idem.scope, creation_key: idem.key, creation_hash: idem.requestHash } : {};
      const row = { ...complaintRow(c, paths, rowSeq), ...creation };
      if (idem?.creation) createdDocument = row.document;
      const event = lastEventRow(c, paths);
      const facts = freshFactsRow(c, paths.handlingOrgPath, factsOptions);
      if (kind === 'postgres') {
        // The repeat flags are decided from the customer's other complaints: under the customer's
        // lock, taken by the first statement when the caller named the customer (MutateOptions.customerKeys),
        // else here, in a statement of its own.
        const key = facts.customer_key;
        if (key !== null && !locked.has(key)) {
          await lockCustomers(db, [key]);
          locked.add(key);
        }
        // The complaint, its event, its facts, the repeat flags and dirty cells go out with the
        // write's last statement (one round trip, with the idempotency record and the commit).
        const windowDays = factsOptions.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
        pending = (record, run) => writeCreation(db, { complaint: row, event, facts, idempotency: record }, windowDays, run);
        // A complaint's follow-up attempts reference it: written after it (a new complaint has none).
        if (c.followUps.length > 0) {
          await flush();
          await saveFollowUps(db, c);
        }
        return;
      }
      await insertRow(db, 'complaints', row);
      await insertRow(db, 'events', event);
      await insertRow(db, 'complaint_facts', facts);
      await saveFollowUps(db, c);
      await refreshAfterFreshFacts(db, [facts], factsOptions);
    }),
    updateComplaint: flushed(async (c: Complaint, expectedVersion: number, options: { event?: boolean } = {}) => {
      const paths = await pathsFor(organisation, c);
      const { id: _id, row_seq: _seq, ...row } = complaintRow(c, paths, 0);
      const set = rowShape(row);
      // PostgreSQL: the update takes the customer's lock (see lockRowCustomerSql) before it changes the
      // row, so the facts and repeat flags rewritten below are decided under it.
      const lock = kind === 'postgres';
      const result = await compiledOnce(db, `updateComplaint ${set.columns.join(',')}${lock ? ' lock' : ''}`, [...set.values, c.id, expectedVersion], () =>
        db
          .updateTable('complaints')
          .set(row)
          .where('id', '=', c.id)
          .where('version', '=', expectedVersion)
          .$if(lock, (q) => q.where(lockRowCustomerSql('customer_id')))
          .compile(),
      );
      if (Number(result.numAffectedRows) !== 1) throw new ConcurrentUpdateError(c.id);
      await saveFollowUps(db, c);
      // A step's key stays on its event (unique per scope): exactly-once past the record's expiry.
      const step = idem?.step ? { step_scope: idem.scope, step_key: idem.key, step_hash: idem.requestHash } : {};
      if (options.event !== false) await insertLastEvent(db, c, paths, step);
      await writeFacts(db, [{ complaint: c, orgPath: paths.handlingOrgPath }], factsOptions);
    }),
  };
  return {
    tx,
    createdDocument: () => createdDocument,
    async finish(record) {
      const write = pending;
      pending = undefined;
      if (write) return write(record, { thenCommit: true });
      if (record) await insertRow(db, 'idempotency', record, { thenCommit: true });
    },
  };
}

/** The readiness detail after a failed WAL flush (store/wal-sync.ts): what happened, what to do. */
/** @internal how long a start's facts rebuild waits for the complaint writes running elsewhere (PostgreSQL), in ms: ten minutes, not the HTTP import's few seconds. */
const START_REBUILD_LOCK_TIMEOUT_MS = 10 * 60_000;

const WAL_FLUSH_FAILED =
  'flushing the write-ahead log to disk failed, so writes are refused: check the disk (the service log has the error), then restart the service';

/**
 * The Kysely implementation of {@link Store}, for SQLite and PostgreSQL alike.
 *
 * @example
 * ```ts
 * const { db, kind } = openDatabase({ dataDir: './data' });
 * const store = new SqlStore(db, kind);
 * await store.migrate();
 * ```
 */
export class SqlStore implements Store {
  readonly #commits = new EventEmitter().setMaxListeners(0);
  /** The newest event head known final (PostgreSQL; see {@link SqlStore.lastEventSeq}). */
  #settledHead = 0;
  #reporting: ReportingStore | undefined;
  /** SQLite: creations and steps arriving together share one transaction and commit (see {@link GroupCommit}). */
  #writes: GroupCommit | undefined;

  /** Reports, alert rules and alerts over this database. */
  get reporting(): ReportingStore {
    this.#reporting ??= sqlReporting(this.db, this.kind, () => this.#commits.emit('commit'), this.facts);
    return this.#reporting;
  }

  constructor(
    readonly db: Db,
    readonly kind: DatabaseKind,
    /** The service's clock: stamps idempotency records. */
    readonly now: () => number = Date.now,
    /** How metric facts are derived (the service's holiday calendar, the repeat window). */
    readonly facts: FactsOptions = {},
    /**
     * How long a key replays its first result (the idempotency records' window, as the expiry job
     * keeps them); after it, a creation's key answers with the complaint as it is now. On SQLite a
     * keyed creation's first answer is kept only for 24 h (migration 0029's trigger): above that, a
     * retry after a change made between 24 h and this window answers with the complaint as it is now.
     */
    readonly idempotencyTtlMs: number = DEFAULT_IDEMPOTENCY_TTL_MS,
  ) {}

  async migrate(): Promise<void> {
    const ran = await migrateToLatest(this.db as Kysely<unknown>);
    await assertMigratedSchema(this.db as Kysely<unknown>);
    // A start waits for the complaint writes running elsewhere (another instance's import batch or
    // job) as long as it must: failing after the import's few seconds would stop the start, and the
    // next start, with no migration left to run, would not know the rebuild was still owed.
    if (await this.#factsMissing(ran.length > 0)) await this.rebuildFacts({ lockTimeoutMs: START_REBUILD_LOCK_TIMEOUT_MS });
  }

  /**
   * Whether the complaints' facts must be rebuilt: after an upgrade (a database from before
   * reporting), when the two tables' counts differ; on a current database, when the newest complaint
   * has none (facts lost or never written). Every write stores a complaint's facts in its own
   * transaction, so a current database whose newest complaint has facts has all of them: its open
   * reads one row instead of counting both tables (about a second each at 1,000,000 complaints).
   */
  async #factsMissing(upgraded: boolean): Promise<boolean> {
    if (upgraded) {
      const row = await sql<{ differ: number | boolean }>`select (select count(*) from complaints) <> (select count(*) from complaint_facts) as differ`.execute(this.db);
      return Boolean(Number(row.rows[0]?.differ));
    }
    const newest = await this.db
      .selectFrom('complaints as c')
      .leftJoin('complaint_facts as f', 'f.id', 'c.id')
      .select('f.id as facts')
      .orderBy('c.row_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return newest !== undefined && newest.facts === null;
  }

  /**
   * Rebuilds every complaint's metric facts and repeat flags from the stored complaints, in one
   * write transaction (after a migration, a restore, or a change of calendar or repeat window). On
   * PostgreSQL live writes of complaints wait for it (`lockComplaintWriters`), as on SQLite, so the
   * flags equal a recomputation even with another instance serving.
   *
   * It waits at most `lockTimeoutMs` (default: `COMPLAINT_WRITERS_LOCK_TIMEOUT_MS`, a few seconds)
   * for the complaint writes running before it, then throws `ComplaintWritesBusyError`; a start waits
   * ten minutes.
   *
   * @example
   * ```ts
   * await store.rebuildFacts();
   * ```
   */
  async rebuildFacts(options: { readonly lockTimeoutMs?: number | undefined } = {}): Promise<void> {
    await inWriteTransaction(this.db, this.kind, async (db) => {
      // PostgreSQL: no live write of complaints beside it (it rewrites every customer's flags).
      await allowLongStatements(db, this.kind);
      if (this.kind === 'postgres') await lockComplaintWriters(db, options.lockTimeoutMs);
      await db.deleteFrom('complaint_facts').execute();
      // Every cell is recomputed from the new facts before the next report (refreshRepeats marks them).
      await db.deleteFrom('report_cells').execute();
      await db.deleteFrom('report_months').execute();
      let after = -1;
      for (;;) {
        const rows = await db
          .selectFrom('complaints')
          .select(['row_seq', 'document', 'handling_org_path'])
          .where('row_seq', '>', after)
          .orderBy('row_seq')
          .limit(5_000)
          .execute();
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1]?.row_seq);
        const items = rows.map((r) => ({ complaint: JSON.parse(r.document) as Complaint, orgPath: r.handling_org_path }));
        await writeFacts(db, items, this.facts, false);
      }
      await refreshRepeats(db, 'all', this.facts.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS);
    });
  }

  async health(): Promise<{ reachable: boolean; pendingMigrations: string[]; detail?: string }> {
    try {
      await sql`select 1`.execute(this.db);
      // A failed WAL flush stops every write from being acknowledged: not ready until restarted.
      if (walSyncOf(this.db)?.failure) return { reachable: false, pendingMigrations: [], detail: WAL_FLUSH_FAILED };
      return { reachable: true, pendingMigrations: await pendingMigrations(this.db as Kysely<unknown>) };
    } catch {
      return { reachable: false, pendingMigrations: [] };
    }
  }

  async close(): Promise<void> {
    this.#commits.removeAllListeners();
    await this.db.destroy();
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  getOrganisation(id: string) {
    return reads.organisation(this.db, id);
  }

  async listOrganisations(underPath?: string): Promise<OrganisationRecord[]> {
    let q = this.db.selectFrom('organisations').selectAll();
    if (underPath) q = q.where(sql<boolean>`path like ${likePrefix(underPath)} escape '\\'`);
    const rows = await q.orderBy('path').execute();
    return rows.map(organisationOf);
  }

  findProvinceBranch(regionCode: string) {
    return reads.provinceBranch(this.db, regionCode);
  }

  headOffice() {
    return reads.headOffice(this.db);
  }

  getStaff(id: string) {
    return reads.staff(this.db, id);
  }

  getStaffWithOrganisation(id: string) {
    return reads.staffWithOrganisation(this.db, id);
  }

  getComplaint(id: string) {
    return reads.complaint(this.db, id);
  }

  async listComplaints(visibility: Visibility, query: ComplaintListQuery, now: number): Promise<ComplaintPage> {
    const orgPath = query.orgId === undefined ? undefined : ((await this.getOrganisation(query.orgId))?.path ?? null);
    // An empty cursor is no cursor: the first page (what a client that always sends the parameter sends first).
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    // A cursor this store did not give is refused, not read as the first page (a client following
    // a damaged cursor would loop over the first page).
    if (query.cursor && after === null) throw new InvalidCursorError();
    const rows = await this.db
      .selectFrom('complaints')
      .select(['row_seq', 'document', 'handling_org_path', 'first_org_path', 'customer_id'])
      .where(visibilitySql(visibility))
      .where((eb) => eb.and(listConditions(eb, query, { orgPath, now })))
      .$if(after !== null, (q) => q.where('row_seq', '<', after as number))
      .orderBy('row_seq', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => recordOf(r).complaint),
      nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.row_seq)) : null,
    };
  }

  async mutate(idem: IdempotentRequest | undefined, fn: (tx: WriteTransaction) => Promise<StoredResult>, options: MutateOptions = {}) {
    // PostgreSQL: the customers whose repeat flags the write decides, locked by its first statement.
    const locks = this.kind === 'postgres' ? customerLockOrder(options.customerKeys ?? []) : [];
    // SQLite: writes arriving together share one transaction and its commit. PostgreSQL: each its
    // own transaction (writers run concurrently on the pool; sharing one connection measured no gain).
    const run =
      this.kind === 'sqlite'
        ? (work: (db: Db) => Promise<StoredResult & { replayed: boolean }>) => {
            this.#writes ??= new GroupCommit(this.db, this.kind);
            return this.#writes.submit(work);
          }
        : (work: (db: Db) => Promise<StoredResult & { replayed: boolean }>) =>
            // A keyed write's first statement (keyedPrior) takes the transaction id itself, and so does
            // the customers' lock of a write that names them.
            inWriteTransaction(this.db, this.kind, work, { firstStatementTakesXactId: idem !== undefined || locks.length > 0 });
    const check = options.staffCheck;
    // PostgreSQL: a keyed write's lookup reads the staff record too (one round trip less); otherwise
    // it is read just before the transaction, as the request's check would have read it.
    const checkInLookup = check !== undefined && idem !== undefined && this.kind === 'postgres';
    let checked: OrganisationRecord | undefined;
    if (check && !checkInLookup) {
      const found = await reads.staffWithOrganisation(this.db, check.id);
      check.verify(found);
      checked = found?.organisation;
    }
    const attempt = () =>
      run(async (db) => {
        let prior: KeyedPrior | undefined;
        if (!idem && locks.length > 0) await lockCustomers(db, locks, true);
        if (idem) {
          const read = await keyedPrior(db, this.kind, idem, checkInLookup ? check.id : undefined, locks);
          prior = read;
          if (checkInLookup) {
            // Before anything is replayed or written: a refusal rolls the lookup's transaction back.
            const found = read.staff_id == null ? undefined : staffFound(read as StaffRow);
            check.verify(found);
            checked = found?.organisation;
          }
          // A creation's record past the window is not its first result: on SQLite the trigger of
          // migration 0028 wrote one for every change after the window (0029's writes none after 24 h,
          // but does until then under a shorter `idempotencyTtlMs`); the expiry job deletes it. The key
          // then answers as below, with the complaint as it is now.
          const windowStart = this.now() - this.idempotencyTtlMs;
          const live = prior.request_hash !== null && (prior.document === null || Number(prior.created_at) >= windowStart);
          if (live) {
            if (prior.request_hash !== idem.requestHash) throw new IdempotencyKeyReusedError(idem.key);
            // A creation's record without a response answers with the complaint's document, which is
            // the first answer until the document first changes (the trigger then copies it in: 0027's on
            // PostgreSQL; on SQLite 0029's, which writes the record, within 24 h of the registration).
            const first = prior.response ?? prior.document;
            if (first === null) throw new Error(`the idempotency record of key ${idem.key} refers to a complaint that no longer exists`);
            return { status: Number(prior.status_code), body: JSON.parse(first) as unknown, replayed: true };
          }
          // A key that created a complaint is that creation's for good: any other request with it is
          // refused (its record, which refused it within the window, is not written on SQLite: 0028).
          if (!idem.creation && prior.creation_hash !== null) throw new IdempotencyKeyReusedError(idem.key);
          if (idem.creation && prior.document !== null) {
            if (prior.creation_hash !== idem.requestHash) throw new IdempotencyKeyReusedError(idem.key);
            // SQLite keeps no record for a keyed creation (migration 0028): within the window, a
            // complaint whose key has none still has its first document, which was the answer (with
            // an \`idempotencyTtlMs\` above 24 h, not after a change made past 24 h: see migration 0029).
            if (this.kind === 'sqlite' && prior.request_hash === null && createdAt(prior.document) >= windowStart) {
              return { status: 201, body: JSON.parse(prior.document) as unknown, replayed: true };
            }
            const created = prior as KeyedPrior & { document: string; handling_org_path: string };
            return { ...idem.creation(recordOf(created)), replayed: true };
          }
          if (idem.step && prior.step_complaint_id !== null) {
            if (prior.step_hash !== idem.requestHash) throw new IdempotencyKeyReusedError(idem.key);
            const record = await reads.complaint(db, prior.step_complaint_id);
            if (record) return { ...idem.step(record), replayed: true };
          }
        }
        const organisations = checked ? [checked, ...(options.organisations ?? [])] : options.organisations;
        const known = { organisations, drawn: prior && drawnBy(prior), locked: locks };
        const write = writeTransaction(db, this.kind, idem, this.facts, known);
        const result = await fn(write.tx);
        // A keyed creation answered with its complaint as stored keeps no copy of it: the record refers
        // to the complaint created under its key (see migration 0027_creation_result_by_reference).
        const response = idem && JSON.stringify(result.body);
        // SQLite: a keyed creation answered with its document as stored writes no record at all;
        // the creation key on the complaint answers a retry (migration 0028).
        const byKey = this.kind === 'sqlite' && response !== undefined && response === write.createdDocument();
        // The last statement (PostgreSQL: its commit goes out with it).
        await write.finish(
          idem && !byKey ? {
            scope: idem.scope,
            key: idem.key,
            request_hash: idem.requestHash,
            status_code: result.status,
            response: response === write.createdDocument() ? null : (response as string),
            created_at: this.now(),
          } : undefined,
        );
        // The answer is sent as this text (routes/respond.ts): not serialised a second time.
        return response === undefined ? { ...result, replayed: false } : { ...result, bodyText: response, replayed: false };
      });
    let result: StoredResult & { replayed: boolean };
    for (let tries = 1; ; tries++) {
      try {
        result = await attempt();
        break;
      } catch (e) {
        // Writers run concurrently on PostgreSQL. A concurrent duplicate loses on the idempotency
        // record's (or the creating key's) unique index: run again, which replays the winner. A
        // concurrent change of the same complaint fails the version check: run again on what it wrote
        // (the lifecycle then applies the step or refuses it as it would have in turn).
        // PostgreSQL may also abort one of two writers to break a deadlock (two merges listing the
        // same report cells in crossing order): nothing was written, so it runs again.
        const again = (idem !== undefined && isUniqueViolation(e)) || e instanceof ConcurrentUpdateError || isTransientConflict(e);
        if (!again || tries >= MAX_ATTEMPTS) throw e;
      }
    }
    if (!result.replayed) this.#commits.emit('commit');
    return result;
  }

  async eventsAfter(afterSeq: number, visibility: Visibility, options: { complaintId?: string; limit?: number; upTo?: number } = {}): Promise<StoredChange[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'complaint_id', 'type', 'event', 'snapshot', 'handling_org_path', 'first_org_path', 'customer_id'])
      .where('seq', '>', afterSeq)
      .$if(options.upTo !== undefined, (q) => q.where('seq', '<=', options.upTo as number))
      .where(visibilitySql(visibility))
      .$if(options.complaintId !== undefined, (q) => q.where('complaint_id', '=', options.complaintId as string))
      .orderBy('seq')
      .limit(options.limit ?? 500)
      .execute();
    // Imported history has no snapshot: rebuild one from the current complaint, cut at the event.
    const missing = [...new Set(rows.filter((r) => r.snapshot === null && r.type !== ALERT_EVENT_TYPE).map((r) => r.complaint_id))];
    const current = new Map<string, Complaint>();
    if (missing.length > 0) {
      const docs = await this.db.selectFrom('complaints').select(['id', 'document']).where('id', 'in', missing).execute();
      for (const d of docs) current.set(d.id, maskComplaint(JSON.parse(d.document) as Complaint));
    }
    const changes: StoredChange[] = [];
    for (const r of rows) {
      const access = { handlingOrgPath: r.handling_org_path, firstOrgPath: r.first_org_path, customerId: r.customer_id };
      if (r.type === ALERT_EVENT_TYPE) {
        changes.push({ seq: Number(r.seq), alert: JSON.parse(r.event) as Alert, access });
        continue;
      }
      // Free text leaves redacted (docs/domain/personal-data.md): the event as stored holds it as typed,
      // and snapshots written before redaction covered free text are redacted here too (redacting twice changes nothing).
      const event = redactEventText(JSON.parse(r.event) as TimelineEvent);
      let complaint: Complaint | undefined;
      if (r.snapshot !== null) complaint = redactComplaintText(JSON.parse(r.snapshot) as Complaint);
      else {
        const now = current.get(r.complaint_id);
        if (now) complaint = { ...now, status: event.toStatus, timeline: now.timeline.filter((e) => e.seq <= event.seq) };
      }
      if (complaint) {
        changes.push({ seq: Number(r.seq), change: { event, complaint }, access });
      }
    }
    return changes;
  }

  async changedComplaints(afterSeq: number, visibility: Visibility, limit: number): Promise<{ seq: number; complaint: Complaint }[]> {
    // Only up to the head no running writer can still commit below (writers may commit out of order
    // on PostgreSQL): a change above it comes in a later read, never skipped.
    const upTo = await this.lastEventSeq();
    if (upTo <= afterSeq) return [];
    // One statement: each complaint's latest event after the cursor, joined to its current document.
    const latest = this.db
      .selectFrom('events')
      .select((eb) => ['complaint_id', eb.fn.max('seq').as('last_seq')])
      .where('seq', '>', afterSeq)
      .where('seq', '<=', upTo)
      .groupBy('complaint_id')
      .as('m');
    const rows = await this.db
      .selectFrom('complaints')
      .innerJoin(latest, 'm.complaint_id', 'complaints.id')
      .select(['m.last_seq', 'complaints.document'])
      .where(visibilitySql(visibility))
      .orderBy('m.last_seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.last_seq), complaint: maskComplaint(JSON.parse(r.document) as Complaint) }));
  }

  async writeCustomerTags(batch: CustomerTagImport, now: number): Promise<{ written: number; deleted: number }> {
    return inWriteTransaction(this.db, this.kind, async (db) => {
      let deleted = 0;
      for (const d of batch.deleted) {
        const r = await db.deleteFrom('customer_tags').where('customer_id', '=', d.customerId).where('code', '=', d.code).executeTakeFirst();
        deleted += Number(r.numDeletedRows);
      }
      const rows = batch.assignments.map((a) => ({
        customer_id: a.customerId,
        code: a.code,
        status: a.status,
        valid_from: Date.parse(a.validFrom),
        valid_until: a.validUntil === null ? null : Date.parse(a.validUntil),
        evidence: JSON.stringify(a.evidence),
        version: a.version,
        last_evaluated_at: Date.parse(a.lastEvaluatedAt),
        imported_at: now,
      }));
      // Batches of 100 rows keep every statement under SQLite's and PostgreSQL's parameter limits.
      for (let i = 0; i < rows.length; i += 100) {
        await db
          .insertInto('customer_tags')
          .values(rows.slice(i, i + 100))
          .onConflict((oc) =>
            oc.columns(['customer_id', 'code']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              valid_from: eb.ref('excluded.valid_from'),
              valid_until: eb.ref('excluded.valid_until'),
              evidence: eb.ref('excluded.evidence'),
              version: eb.ref('excluded.version'),
              last_evaluated_at: eb.ref('excluded.last_evaluated_at'),
              imported_at: eb.ref('excluded.imported_at'),
            })),
          )
          .execute();
      }
      return { written: rows.length, deleted };
    });
  }

  async customerTags(customerId: string): Promise<CustomerTag[]> {
    const rows = await this.db.selectFrom('customer_tags').selectAll().where('customer_id', '=', customerId).orderBy('code').execute();
    const iso = (t: number | string) => new Date(Number(t)).toISOString();
    return rows.map((r) => ({
      code: r.code,
      status: r.status as CustomerTag['status'],
      validFrom: iso(r.valid_from),
      validUntil: r.valid_until === null ? null : iso(r.valid_until),
      evidence: JSON.parse(r.evidence) as string[],
      version: r.version,
      lastEvaluatedAt: iso(r.last_evaluated_at),
    }));
  }

  async visibleComplaintIds(visibility: Visibility, customerId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('complaints')
      .select('id')
      .where((eb) => (ids.length ? eb.or([eb('customer_id', '=', customerId), eb('id', 'in', ids)]) : eb('customer_id', '=', customerId)))
      .where(visibilitySql(visibility))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The highest committed event seq below which no event can still appear. SQLite commits numbers in
   * order: the counter. PostgreSQL writers commit concurrently, so a writer that drew seq 10 may commit
   * after one that drew 11: reading the newest committed seq `m` and its snapshot, every seq up to `m`
   * was drawn by a transaction whose id came first (`inWriteTransaction`), so below the snapshot's
   * `xmax`; once the oldest running transaction id (`xmin`) reaches that `xmax`, all of them have
   * committed or rolled back and every seq up to `m` is final (present, or a gap for good). A reader
   * that reads up to this head never skips an event, and no writer waits for another.
   */
  async newestEventSeq(): Promise<number> {
    if (this.kind !== 'postgres') return (await counterValues(this.db, this.kind)).event_seq;
    const { rows } = await sql<{ m: number }>`select coalesce(max(seq), 0) as m from events`.execute(this.db);
    return Number(rows[0]?.m ?? 0);
  }

  async lastEventSeq(): Promise<number> {
    if (this.kind !== 'postgres') {
      // SQLite commits numbers in order, but a commit reaches the disk only with the WAL flush after
      // it (WalSync): the head read is answered once a flush begun after the read covered it, so no
      // stream shows an event (of this process or another on the file) that is not on disk.
      const head = (await counterValues(this.db, this.kind)).event_seq;
      await walSyncOf(this.db)?.flush();
      return head;
    }
    const { rows } = await sql<{ m: number; settled: boolean; xmax: string }>`
      select (select coalesce(max(seq), 0) from events) as m,
             pg_snapshot_xmin(pg_current_snapshot()) = pg_snapshot_xmax(pg_current_snapshot()) as settled,
             pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(this.db);
    const head = rows[0] as { m: number; settled: boolean; xmax: string };
    if (!head.settled) {
      const giveUpAt = Date.now() + SETTLE_MS;
      for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
        await new Promise((r) => setTimeout(r, wait));
        const { rows: now } = await sql<{ done: boolean }>`select pg_snapshot_xmin(pg_current_snapshot()) >= ${head.xmax}::xid8 as done`.execute(this.db);
        if (now[0]?.done) break;
        // A transaction left open elsewhere: answer the last head known final rather than hang.
        if (Date.now() > giveUpAt) return this.#settledHead;
      }
    }
    this.#settledHead = Math.max(this.#settledHead, Number(head.m));
    return this.#settledHead;
  }

  async fillIdentityHashes(hash: IdentityHasher, pageSize = 500): Promise<number> {
    // Only the rows flagged by their write (`identity_unhashed`, 0021) are read, through its partial
    // index, a page at a time: start-up neither scans every document (45 s at 1M) nor holds them all.
    let changed = 0;
    for (let after = ''; ; ) {
      const rows = await this.db
        .selectFrom('complaints')
        .select(['id', 'document'])
        // A literal, not a parameter: PostgreSQL matches a partial index's predicate only against literals.
        .where('identity_unhashed', '=', sql.lit(1))
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1]?.id as string;
      changed += await inWriteTransaction(this.db, this.kind, async (db) => {
        let n = 0;
        for (const r of rows) {
          const c = JSON.parse(r.document) as Complaint;
          const { phone, idNumber } = c.complainant;
          const phoneHash = phone === undefined ? null : hash('phone', phone);
          const idNumberHash = idNumber === undefined ? null : hash('idNumber', idNumber);
          const next: Complaint = { ...c, complainant: { ...c.complainant, phoneHash, idNumberHash } };
          // Only if no write hashed it meanwhile (the page was read outside this transaction).
          const r2 = await db
            .updateTable('complaints')
            .set({ phone_hash: phoneHash, id_number_hash: idNumberHash, identity_unhashed: identityUnhashed(next) ? 1 : 0, document: JSON.stringify(next) })
            .where('id', '=', r.id)
            .where('identity_unhashed', '=', 1)
            .where('version', '=', c.version)
            .executeTakeFirst();
          n += Number(r2.numUpdatedRows);
        }
        return n;
      });
    }
  }

  async refreshUncoveredDeadlines(deadlinesOf: (complaint: Complaint) => Complaint['deadlines']): Promise<number> {
    return inWriteTransaction(this.db, this.kind, async (db) => {
      const rows = await db
        .selectFrom('complaints')
        .select(['id', 'document'])
        .where('calendar_uncovered', '=', sql.lit(1))
        .where('status', 'not in', ['declined', 'merged', 'withdrawn', 'closed'])
        .execute();
      let changed = 0;
      for (const r of rows) {
        const c = JSON.parse(r.document) as Complaint;
        if (c.deadlines.calendarCovered !== false) continue;
        const next: Complaint = { ...c, deadlines: deadlinesOf(c) };
        if (JSON.stringify(next.deadlines) === JSON.stringify(c.deadlines)) continue;
        const due = activeDeadline(next);
        await db
          .updateTable('complaints')
          .set({
            document: JSON.stringify(next),
            due_at: due ? Date.parse(due.dueAt) : null,
            warn_at: due ? Date.parse(due.warnAt) : null,
            calendar_uncovered: next.deadlines.calendarCovered === false ? 1 : 0,
          })
          .where('id', '=', r.id)
          .execute();
        changed++;
      }
      return changed;
    });
  }

  async expireIdempotency(before: number): Promise<number> {
    const r = await this.db.deleteFrom('idempotency').where('created_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  onCommit(listener: () => void): () => void {
    this.#commits.on('commit', listener);
    return () => this.#commits.off('commit', listener);
  }

  loadDirectory(file: Parameters<Store['loadDirectory']>[0], options?: Parameters<Store['loadDirectory']>[1]) {
    return loadDirectory(this.db, this.kind, file, options);
  }

  async importDemoBank(bank: Parameters<Store['importDemoBank']>[0]) {
    const counts = await inWriteTransaction(this.db, this.kind, async (db) => {
      await allowLongStatements(db, this.kind);
      return importBank(db, this.kind, bank, this.facts);
    });
    this.#commits.emit('commit');
    return counts;
  }
}

import type { Alert, Complaint, ComplaintChange, ComplaintListQuery, CustomerTag, CustomerTagImport, Organisation, StaffRole } from '@complaintkit/core/domain';
import type { IdentityHasher } from '@complaintkit/core/node';
import type { DirectoryPlan } from '../directory/plan.js';
import type { BankDirectoryFile } from '../directory/schema.js';
import type { Visibility } from '../policy/visibility.js';
import type { DatabaseKind } from './connect.js';
import type { ReportingStore } from './reports/reporting-store.js';

/**
 * An organisation with its materialised path (`/HO/BR-44/SB-440301/`): a subtree is a path prefix.
 *
 * @example
 * ```ts
 * const o: OrganisationRecord = { id: 'HO', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000', path: '/HO/' };
 * ```
 */
export type OrganisationRecord = Organisation & { readonly path: string };

/**
 * A staff member of the bank, as the store keeps them.
 *
 * @example
 * ```ts
 * const s: StaffMember = { id: 'u-2001', orgId: 'SB-440301', role: 'handler', name: '王五' };
 * ```
 */
export interface StaffMember {
  readonly id: string;
  readonly orgId: string;
  readonly role: StaffRole;
  readonly name: string;
}

/**
 * A whole bank to load at once: organisations (parents before or after children, any order),
 * staff and complaints with their timelines (event `seq` globally increasing). The demo generator
 * (`src/seed`) produces one; tests and imports write their own.
 *
 * @example
 * ```ts
 * await store.importDemoBank({ organisations, staff, complaints });
 * ```
 */
export interface BankImport {
  readonly organisations: readonly Organisation[];
  readonly staff: readonly StaffMember[];
  readonly complaints: readonly Complaint[];
}

/**
 * A stored complaint and the access facts derived from it.
 *
 * @example
 * ```ts
 * const r = await store.getComplaint('CK20260301-000001');
 * r?.complaint.status;
 * ```
 */
export interface ComplaintRecord {
  readonly complaint: Complaint;
  readonly handlingOrgPath: string;
  readonly firstOrgPath: string | null;
  readonly customerId: string | null;
}

/**
 * The first result of an idempotent mutation, as stored and replayed.
 *
 * @example
 * ```ts
 * const r: StoredResult = { status: 201, body: complaint };
 * ```
 */
export interface StoredResult {
  readonly status: number;
  readonly body: unknown;
  /**
   * `JSON.stringify(body)`, when the store made that text already (a keyed write compares it with
   * the document it stored): the answer is sent as this text instead of serialising `body` again.
   */
  readonly bodyText?: string | undefined;
}

/**
 * Identifies one idempotent request: the caller (scope), its key and a hash of the request.
 *
 * @example
 * ```ts
 * const r: IdempotentRequest = { scope: 'staff:u-1', key: 'k-1', requestHash: 'ab12…' };
 * ```
 */
export interface IdempotentRequest {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  /**
   * Set when the request creates a complaint: the key is then also kept with the complaint, for as
   * long as the complaint exists (unique per scope), so a retry after the idempotency record has
   * expired still finds it. Given the complaint created under this key, it makes the replayed result.
   */
  readonly creation?: ((created: ComplaintRecord) => StoredResult) | undefined;
  /**
   * Set when the request is a lifecycle step: the key is then also kept on the event the step
   * writes, for as long as the complaint exists (unique per scope), so a retry after the idempotency
   * record has expired answers with the complaint as it is now instead of running the step again.
   * Given that complaint, it makes the replayed result.
   */
  readonly step?: ((stepped: ComplaintRecord) => StoredResult) | undefined;
}

/**
 * What a write already knows before its transaction starts.
 *
 * @example
 * ```ts
 * await store.mutate(idem, run, { organisations: caller.organisation ? [caller.organisation] : [] });
 * ```
 */
export interface MutateOptions {
  /**
   * Organisations this request has already read (the caller's own, read with the token's check just
   * before): on PostgreSQL, where every read is a round trip, the transaction's
   * {@link WriteTransaction.getOrganisation} answers them without reading them again. No transaction
   * locks an organisation, so a read inside it is no fresher than this one. SQLite reads them in the
   * transaction as before.
   */
  readonly organisations?: readonly OrganisationRecord[] | undefined;
  /**
   * The token's check against the staff record, left to the write (see `authenticate`'s
   * `deferStaffCheck`): the store reads the active staff member with their organisation and calls
   * `verify` with what it found before anything is replayed or written (a `verify` that throws
   * refuses the write, and nothing of it is kept). On PostgreSQL a keyed write reads them in its first
   * statement (the key lookup), one round trip less; otherwise they are read just before the
   * transaction. The organisation found counts as one of {@link MutateOptions.organisations}.
   *
   * What a refused token has spent by then, and why that is harmless: on PostgreSQL the lookup of a
   * keyed registration also draws its numbers (from sequences: unique and increasing, never gapless;
   * a refused, failed or rolled-back write leaves them unused, as a 400 after the lookup does:
   * `docs/guides/deploying.md`), and the route took the write budget of the caller the token states
   * (`scopeOf`: id, role and organisation as signed), a budget no token that passes the check shares
   * while this one is refused (a moved member's new token names another role or organisation; a
   * removed one has none). The refusal also takes from the address's budget of refused requests, as
   * a check before the route does.
   */
  readonly staffCheck?: StaffCheck | undefined;
  /**
   * The customer keys (the facts' `customer_key`: the complainant's customer id) whose repeat flags
   * the write decides, a registration's complainant: on PostgreSQL its first statement takes their
   * locks (`store/customer-locks.ts`), so two registrations of one customer are ordered and each
   * decides its flags seeing the other's (`docs/domain/metrics.md`, Repeats), with no round trip
   * added. A registration of a customer not named here takes the lock in a statement of its own.
   * No effect on SQLite (one writer at a time).
   */
  readonly customerKeys?: readonly (string | null | undefined)[] | undefined;
}

/**
 * An active staff member with their organisation, as one read finds them (`undefined` when the
 * organisation is missing).
 *
 * @example
 * ```ts
 * const found: StaffWithOrganisation = { staff, organisation: await store.getOrganisation(staff.orgId) };
 * ```
 */
export interface StaffWithOrganisation {
  readonly staff: StaffMember;
  readonly organisation: OrganisationRecord | undefined;
}

/**
 * A staff token's check, run by the write that needs it (see {@link MutateOptions.staffCheck}).
 *
 * @example
 * ```ts
 * const check: StaffCheck = { id: 'u-2001', verify: (found) => { if (!found) throw new Error('not on record'); } };
 * ```
 */
export interface StaffCheck {
  /** The staff member the token names. */
  readonly id: string;
  /** Judges what was found (`undefined`: no such active staff member); throws to refuse the request. */
  verify(found: StaffWithOrganisation | undefined): void;
}

/**
 * Reads and writes inside one write transaction. Every state change, its timeline event and its
 * idempotency record commit together or not at all. Read through this object only: on SQLite the
 * store's own reads wait for the connection the transaction holds.
 *
 * @example
 * ```ts
 * await store.mutate(undefined, async (tx) => {
 *   const seq = await tx.nextEventSeq();
 *   …
 * });
 * ```
 */
export interface WriteTransaction {
  getComplaint(id: string): Promise<ComplaintRecord | undefined>;
  getOrganisation(id: string): Promise<OrganisationRecord | undefined>;
  getStaff(id: string): Promise<StaffMember | undefined>;
  findProvinceBranch(regionCode: string): Promise<OrganisationRecord | undefined>;
  headOffice(): Promise<OrganisationRecord | undefined>;
  /** The next global event sequence number (committed in increasing order). */
  nextEventSeq(): Promise<number>;
  /** The next complaint number (the global counter of `CK<date>-<n>`). */
  nextComplaintNumber(): Promise<number>;
  /**
   * A registration's numbers in one draw: the complaint number and the event seq of its first event
   * (and the list row order {@link WriteTransaction.insertComplaint} uses), one statement instead of three.
   */
  nextCreationNumbers(): Promise<{ complaintNumber: number; eventSeq: number }>;
  /** Inserts a new complaint and its first timeline event. */
  insertComplaint(complaint: Complaint): Promise<void>;
  /**
   * Saves a changed complaint (version must be `expectedVersion + 1`) and its newest timeline event;
   * with `{ event: false }` the document only (a merge target gaining `mergedFrom` has no event of its own).
   */
  updateComplaint(complaint: Complaint, expectedVersion: number, options?: { readonly event?: boolean }): Promise<void>;
}

/**
 * One page of complaints, newest first.
 *
 * @example
 * ```ts
 * const page: ComplaintPage = await store.listComplaints(v, query, Date.now());
 * ```
 */
export interface ComplaintPage {
  readonly data: Complaint[];
  readonly nextCursor: string | null;
}

/**
 * Who may see a stored event, for filtering in memory: a complaint's access paths at the event, or an
 * alert's organisation (with no customer: no customer sees an alert).
 *
 * @example
 * ```ts
 * const a: EventAccess = { handlingOrgPath: '/HO/BR-44/', firstOrgPath: null, customerId: null };
 * ```
 */
export interface EventAccess {
  readonly handlingOrgPath: string;
  readonly firstOrgPath: string | null;
  readonly customerId: string | null;
}

/**
 * One stored event with the message the stream sends for it: a complaint change, or an alert.
 *
 * @example
 * ```ts
 * for (const { seq, change } of await store.eventsAfter(0, v)) if (change) console.log(seq, change.event.type);
 * ```
 */
export type StoredChange =
  | { readonly seq: number; readonly change: ComplaintChange; readonly alert?: undefined; readonly access: EventAccess }
  /** An early-warning alert opened or resolved (sent as an `alert` message); no customer sees one. */
  | { readonly seq: number; readonly alert: Alert; readonly change?: undefined; readonly access: EventAccess };

/**
 * The storage of the complaint service. Two backends implement it through Kysely: SQLite (a file in
 * the data folder) and PostgreSQL (when `DATABASE_URL` is set).
 *
 * @example
 * ```ts
 * const store = await openStore({ dataDir: './data' });
 * const page = await store.listComplaints({ kind: 'all' }, { limit: 20 }, Date.now());
 * ```
 */
export interface Store {
  readonly kind: DatabaseKind;
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  /**
   * Whether the database answers, which migrations it has not run, and, when it cannot take writes,
   * why and what an operator should do (for readiness checks; nothing personal).
   */
  health(): Promise<{ readonly reachable: boolean; readonly pendingMigrations: readonly string[]; readonly detail?: string | undefined }>;
  close(): Promise<void>;
  /** True when no organisation exists yet (a fresh database to seed). */
  isEmpty(): Promise<boolean>;

  getOrganisation(id: string): Promise<OrganisationRecord | undefined>;
  /** Organisations under a path prefix (the whole tree when omitted), parents first. */
  listOrganisations(underPath?: string): Promise<OrganisationRecord[]>;
  /** The branch of a province (`44xxxx` → the branch whose region is `440000`). */
  findProvinceBranch(regionCode: string): Promise<OrganisationRecord | undefined>;
  /** The root of the tree. */
  headOffice(): Promise<OrganisationRecord | undefined>;
  getStaff(id: string): Promise<StaffMember | undefined>;
  /**
   * An active staff member with their organisation, in one read (every staff request's check). A
   * store without it is asked {@link Store.getStaff} and {@link Store.getOrganisation} in turn.
   */
  getStaffWithOrganisation?(id: string): Promise<StaffWithOrganisation | undefined>;

  getComplaint(id: string): Promise<ComplaintRecord | undefined>;
  listComplaints(visibility: Visibility, query: ComplaintListQuery & { assigneeId?: string }, now: number): Promise<ComplaintPage>;

  /**
   * Runs `fn` in one write transaction (serialised with every other writer). With `idem`, a repeat
   * of the same request returns the first result (`replayed: true`) without running `fn`; the same
   * key with another request throws `IdempotencyKeyReusedError`. A creation's key (`idem.creation`)
   * is kept with the complaint and a step's (`idem.step`) with its event, so their repeats replay
   * even after the idempotency record expired.
   */
  mutate(
    idem: IdempotentRequest | undefined,
    fn: (tx: WriteTransaction) => Promise<StoredResult>,
    options?: MutateOptions,
  ): Promise<StoredResult & { replayed: boolean }>;

  /** Events after `afterSeq` (and at most `upTo`) the visibility allows, oldest first. */
  eventsAfter(afterSeq: number, visibility: Visibility, options?: { complaintId?: string; limit?: number; upTo?: number }): Promise<StoredChange[]>;
  /**
   * The complaints the visibility allows whose latest event up to `lastEventSeq` is after
   * `afterSeq`, ordered by that event's `seq`, at most `limit`: reading on from the last `seq` returned
   * never skips a change a concurrent writer commits later.
   */
  changedComplaints(afterSeq: number, visibility: Visibility, limit: number): Promise<{ seq: number; complaint: Complaint }[]>;
  /**
   * The highest committed event sequence number (0 when none) below which no event can still
   * appear: reading up to it never skips an event a concurrent writer commits later.
   */
  lastEventSeq(): Promise<number>;
  /**
   * The highest event sequence number committed so far (0 when none), at once: unlike
   * {@link Store.lastEventSeq} it does not wait for writers still running, so numbers below it may
   * still appear. For telling whether an id a client holds (which came from a committed event) can
   * exist in this database at all.
   */
  newestEventSeq(): Promise<number>;
  /** Calls `listener` after every committed write; returns the unsubscribe function. */
  onCommit(listener: () => void): () => void;

  /**
   * Fills the keyed identity hashes (docs/domain/personal-data.md) of stored complaints that have none
   * yet (seeded or from before schema 0004) with the bank's hasher; returns how many it changed.
   */
  fillIdentityHashes(hash: IdentityHasher, pageSize?: number): Promise<number>;

  /** Stores a batch of tag assignments (each replaces the same customer and code) and deletions, in one transaction. */
  writeCustomerTags(batch: CustomerTagImport, now: number): Promise<{ written: number; deleted: number }>;
  /** One customer's stored tags, in code order. */
  customerTags(customerId: string): Promise<CustomerTag[]>;
  /** Of the complaints numbered `ids` or belonging to `customerId`, the numbers the visibility allows. */
  visibleComplaintIds(visibility: Visibility, customerId: string, ids: readonly string[]): Promise<Set<string>>;

  /**
   * Recomputes, with `deadlinesOf`, the stored deadlines of open complaints whose calendar did not
   * cover them (`deadlines.calendarCovered: false`), so years a calendar file adds apply to complaints
   * already running (docs/domain/clocks.md); the list columns follow. Returns how many changed.
   */
  refreshUncoveredDeadlines(deadlinesOf: (complaint: Complaint) => Complaint['deadlines']): Promise<number>;

  /**
   * Deletes idempotency records made before `before` (epoch ms); returns how many. The key a
   * complaint was created with stays on the complaint (creation stays exactly-once).
   */
  expireIdempotency(before: number): Promise<number>;

  /** Reports over the metric facts, early-warning rules and alerts. */
  readonly reporting: ReportingStore;

  /**
   * Adds and updates the bank's organisations and staff from a directory file, checked against the
   * database in the same transaction: the whole file or nothing (the plan's `errors` say why).
   */
  loadDirectory(file: BankDirectoryFile, options?: { dryRun?: boolean }): Promise<DirectoryPlan>;

  /** Loads a whole bank in one transaction with batched inserts, setting the counters past it. */
  importDemoBank(bank: BankImport): Promise<{ organisations: number; staff: number; complaints: number; events: number }>;
}

import type { Generated } from 'kysely';

/** Row of `organisations`: the tree, with a materialised `path` (`/HO/BR-44/`) for subtree queries. @internal */
export interface OrganisationsTable {
  id: string;
  parent_id: string | null;
  path: string;
  kind: string;
  name: string;
  region_code: string | null;
  outlet_count: number | null;
  customer_count: number | null;
}

/** Row of `staff`. @internal */
export interface StaffTable {
  id: string;
  org_id: string;
  role: string;
  name: string;
  /** 1 while employed; 0 once removed (the row stays for the timelines that name them). */
  active: Generated<number>;
}

/** Row of `complaints`: indexed columns for filters plus the full document as JSON. @internal */
export interface ComplaintsTable {
  id: string;
  /** Insertion order; the list cursor. */
  row_seq: number;
  status: string;
  version: number;
  handling_org_id: string;
  handling_org_path: string;
  /** Path of the first responder's organisation; `null` when a customer or the system registered it. */
  first_org_path: string | null;
  customer_id: string | null;
  assignee_id: string | null;
  business_category: string;
  business_channel: string;
  intake_channel: string;
  cause: string;
  severity: string;
  region_code: string | null;
  received_at: number;
  /** The active deadline (core's `activeDeadline`), epoch ms; `null` when none runs. */
  due_at: number | null;
  warn_at: number | null;
  /** Lower-cased id, description and requested resolution with personal numbers redacted. */
  search_text: string;
  document: string;
  updated_at: number;
}

/** Row of `events`: the global, gap-free-on-commit timeline sequence. @internal */
export interface EventsTable {
  seq: number;
  complaint_id: string;
  at: number;
  type: string;
  handling_org_path: string;
  first_org_path: string | null;
  customer_id: string | null;
  event: string;
  /** The complaint (masked) right after the event; `null` for imported history. */
  snapshot: string | null;
}

/** Row of `idempotency`: the first result of a mutation, per caller and key. @internal */
export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

/** Row of `counters`: named sequences (event seq, complaint number, row seq). @internal */
export interface CountersTable {
  name: string;
  value: number;
}

/** The database as Kysely sees it. @internal */
export interface Database {
  organisations: OrganisationsTable;
  staff: StaffTable;
  complaints: ComplaintsTable;
  events: EventsTable;
  idempotency: IdempotencyTable;
  counters: CountersTable;
}


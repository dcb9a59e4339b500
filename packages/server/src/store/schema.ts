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
  /** 1 when the deadlines were counted in a year no holiday calendar covered (`calendarCovered: false`), else 0. Since 0017. */
  calendar_uncovered: number;
  /** 1 when the complainant names a phone or ID number and neither has a keyed hash yet (filled at start), else 0. Since 0021. */
  identity_unhashed: number;
  /** Lower-cased id, description and requested resolution with personal numbers redacted. */
  search_text: string;
  document: string;
  updated_at: number;
  /** `regional`, `not_regional` or `unknown` (docs/domain/metrics.md, heat map). Since 0004. */
  region_scope: string;
  /** The organisation complained about (被投诉机构). Since 0004. */
  subject_org_id: string;
  /** The organisation that made the (original) decision; `null` before a decision. Since 0004. */
  deciding_org_id: string | null;
  /** Day of receipt in Asia/Shanghai, `YYYY-MM-DD`. Since 0004. */
  received_day: string;
  /** 1 when staff verified the complainant's identity, else 0. Since 0004. */
  identity_verified: number;
  /** Keyed hashes of the phone and ID numbers (docs/domain/personal-data.md). Since 0004. */
  phone_hash: string | null;
  id_number_hash: string | null;
  /** The decision: recorded (decided at) and told (notified at), epoch ms; met or missed. Since 0004. */
  decided_at: number | null;
  notified_at: number | null;
  timeliness: string | null;
  /**
   * The caller scope, `Idempotency-Key` and request hash the complaint was created with (`null`
   * without a key); unique per scope and never expired, so creation stays exactly-once. Since 0008.
   */
  creation_scope: string | null;
  creation_key: string | null;
  creation_hash: string | null;
}

/** Row of `follow_ups`: every follow-up (回访) attempt of a complaint, for the satisfaction metrics. Since 0004. @internal */
export interface FollowUpsTable {
  complaint_id: string;
  attempt: number;
  at: number;
  /** 1 reached, 0 not reached. */
  reached: number;
  score: number | null;
  /** 1 accepted, 0 not, `null` not asked. */
  decision_accepted: number | null;
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
  /** The caller scope, `Idempotency-Key` and request hash of the step that wrote the event, if keyed (0012; absent from imported history). */
  step_scope?: string | null;
  step_key?: string | null;
  step_hash?: string | null;
}

/** Row of `idempotency`: the first result of a mutation, per caller and key. @internal */
export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  /**
   * The first result's body as JSON; `null` for a creation answered with the complaint's document as
   * stored, which it then is until the document first changes (migration 0027's trigger copies it in then).
   */
  response: string | null;
  created_at: number;
}

/** Row of `counters`: named sequences (event seq, complaint number, row seq). @internal */
export interface CountersTable {
  name: string;
  value: number;
}

/** Row of `complaint_facts`: core's `ComplaintFacts` of one complaint, flattened. @internal */
export interface ComplaintFactsTable {
  id: string;
  received_at: number;
  received_day: string;
  counted: number;
  intake_channel: string;
  business_channel: string;
  business_category: string;
  business_major: string;
  cause: string;
  severity: string;
  region_code: string | null;
  province: string;
  prefecture: string;
  org_path: string;
  customer_key: string | null;
  decided_at: number | null;
  decided_day: string | null;
  met: number | null;
  met_strict: number | null;
  handling_ms: number | null;
  due_at: number | null;
  stopped_at: number | null;
  reached: number | null;
  score: number | null;
  rated_day: string | null;
  accepted: number | null;
  review_requested: number;
  is_repeat: number;
}

/** Row of `report_cells`: the aggregates of one population, bank day, organisation and dimension values. Since 0010. @internal */
export interface ReportCellsTable {
  /** The dimension set (`''` for the total, else its columns joined by commas). */
  dims: string;
  /** `received`, `decided` or `rated`. */
  pop: string;
  day: string;
  org_path: string;
  intake_channel: string;
  business_channel: string;
  business_category: string;
  business_major: string;
  cause: string;
  severity: string;
  province: string;
  prefecture: string;
  received: number;
  regulator_transfers: number;
  repeats: number;
  decided: number;
  met: number;
  met_strict: number;
  accepted: number;
  reached: number;
  reviews: number;
  handling_ms: number;
  rated: number;
  satisfied: number;
  /**
   * The decided population's handling times (ms, in no order); `null` in other populations. Since
   * 0010b; binary since 0020 (8 big-endian bytes each, `encodeHandling`), comma-separated text before.
   */
  handling: Uint8Array | null;
}

/** Row of `report_months`: the sums of a calendar month's `report_cells` rows of the same keys (`month` is `YYYY-MM`). Since 0015. @internal */
export type ReportMonthsTable = Omit<ReportCellsTable, 'day'> & { month: string };

/**
 * Row of `report_roots`: the sums of the `report_months` rows of the same keys under one root of the
 * organisation tree (`org_path` is the root's path), `members` of them; no handling times. Since 0020c. @internal
 */
export type ReportRootsTable = Omit<ReportMonthsTable, 'handling'> & { members: number };

/** Row of `report_dirty`: a cell (bank day × organisation) whose `report_cells` rows must be recomputed. Since 0010. @internal */
export interface ReportDirtyTable {
  day: string;
  org_path: string;
}

/** Row of `alert_rules`: the rule as JSON, with its scope path for subtree queries. @internal */
export interface AlertRulesTable {
  id: string;
  org_path: string;
  enabled: number;
  document: string;
}

/** Row of `alerts`: the alert as JSON, with what dedup and listing filter on. @internal */
export interface AlertsTable {
  id: string;
  rule_id: string;
  org_path: string;
  status: string;
  opened_at: number;
  document: string;
}

/** Row of `import_sources`: an imported history record's source id and the complaint it became. @internal */
export interface ImportSourcesTable {
  source_id: string;
  complaint_id: string;
}

/** Row of `customer_tags`: a tagging run's latest assignment per customer and code (docs/domain/tags.md). Since 0009. @internal */
export interface CustomerTagsTable {
  customer_id: string;
  code: string;
  /** `active` or `exited`. */
  status: string;
  /** Epoch ms. */
  valid_from: number;
  valid_until: number | null;
  /** Complaint numbers, as a JSON array. */
  evidence: string;
  /** `<rule kind>@<version>`. */
  version: string;
  last_evaluated_at: number;
  imported_at: number;
}

/** The database as Kysely sees it. @internal */
export interface Database {
  complaint_facts: ComplaintFactsTable;
  report_cells: ReportCellsTable;
  report_months: ReportMonthsTable;
  report_roots: ReportRootsTable;
  report_dirty: ReportDirtyTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  import_sources: ImportSourcesTable;
  organisations: OrganisationsTable;
  staff: StaffTable;
  complaints: ComplaintsTable;
  follow_ups: FollowUpsTable;
  events: EventsTable;
  idempotency: IdempotencyTable;
  counters: CountersTable;
  customer_tags: CustomerTagsTable;
}


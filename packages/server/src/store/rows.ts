import { activeDeadline, type Complaint, type Organisation, redactText } from '@complaintkit/core/domain';
import type { ComplaintsTable, FollowUpsTable, OrganisationsTable } from './schema.js';
import type { ComplaintRecord, OrganisationRecord } from './store.js';

/** @internal */
const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/**
 * Whether a complaint names a phone or ID number of which no keyed hash is stored: written without
 * the bank's identity secret; the service hashes it at its next start (`fillIdentityHashes`).
 *
 * @example
 * ```ts
 * identityUnhashed(c); // true for a seeded complaint with a phone, false once hashed
 * ```
 */
export const identityUnhashed = (c: Complaint): boolean =>
  (c.complainant.phone !== undefined || c.complainant.idNumber !== undefined) && c.complainant.phoneHash == null && c.complainant.idNumberHash == null;

/**
 * How search text and the words of `q` are folded before they are compared: Unicode NFKC (full-width
 * letters and digits become half-width, `ｃｏｆｆｅｅ１２３` → `coffee123`; ligatures and circled
 * digits are spelled out), then lower-cased. Stored text and query words fold alike, so either width
 * finds the other.
 *
 * @example
 * ```ts
 * searchFold('ＣＫ２０２６ Coffee'); // 'ck2026 coffee'
 * ```
 */
export const searchFold = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * The text `q` searches: number, description and requested resolution, folded by {@link searchFold}
 * (NFKC, lower case), with personal numbers (phones, ID and card numbers) redacted so the index holds
 * no personal data. The fold comes first, so a number written in compatibility digits is redacted too.
 *
 * @example
 * ```ts
 * searchTextOf(complaint); // 'ck20260301-000001\n信用卡年费…'
 * ```
 */
export const searchTextOf = (c: Complaint): string =>
  searchFold([c.id, redactText(c.description.normalize('NFKC')), c.requestedResolution ? redactText(c.requestedResolution.normalize('NFKC')) : ''].join('\n'));

/** @internal a value no complaint holds, put in the timeline's place by {@link documentText}. */
const MARK = `\u0000${Math.random().toString(36).slice(2)}\u0000`;
/** @internal the mark's text in the serialised complaint. */
const TIMELINE_MARK = `"timeline":${JSON.stringify(MARK)}`;

/**
 * A complaint's stored document, `JSON.stringify(c)`, given its timeline events already as JSON (the
 * `events` table's texts, `JSON.stringify(e)` each): the timeline is not serialised a second time. The
 * same text as `JSON.stringify(c)`, key order included (a test compares them).
 *
 * @example
 * ```ts
 * const events = c.timeline.map((e) => JSON.stringify(e));
 * documentText(c, events) === JSON.stringify(c); // true
 * ```
 */
export function documentText(c: Complaint, eventTexts: readonly string[]): string {
  const marked = JSON.stringify({ ...c, timeline: MARK });
  const at = marked.indexOf(TIMELINE_MARK);
  if (at < 0 || eventTexts.length !== c.timeline.length) return JSON.stringify(c);
  return `${marked.slice(0, at)}"timeline":[${eventTexts.join(',')}]${marked.slice(at + TIMELINE_MARK.length)}`;
}

/**
 * The `complaints` row of a complaint, given the access paths and its row sequence (and, when the
 * caller has them, its timeline events as JSON: see {@link documentText}).
 *
 * @example
 * ```ts
 * const row = complaintRow(c, { handlingOrgPath: '/HO/', firstOrgPath: null }, 1);
 * ```
 */
export function complaintRow(
  c: Complaint,
  paths: { handlingOrgPath: string; firstOrgPath: string | null },
  rowSeq: number,
  eventTexts?: readonly string[],
): Omit<ComplaintsTable, 'creation_scope' | 'creation_key' | 'creation_hash'> {
  const deadline = activeDeadline(c);
  return {
    id: c.id,
    row_seq: rowSeq,
    status: c.status,
    version: c.version,
    handling_org_id: c.handlingOrgId,
    handling_org_path: paths.handlingOrgPath,
    first_org_path: paths.firstOrgPath,
    customer_id: c.complainant.customerId ?? null,
    // A stored complaint has every field (only a customer's view leaves staff fields out).
    assignee_id: c.assigneeId ?? null,
    business_category: c.businessCategory,
    business_channel: c.businessChannel,
    intake_channel: c.intakeChannel,
    cause: c.cause,
    severity: c.severity ?? 'normal',
    region_code: c.regionCode,
    received_at: Date.parse(c.receivedAt),
    due_at: ms(deadline?.dueAt),
    warn_at: ms(deadline?.warnAt),
    calendar_uncovered: c.deadlines.calendarCovered === false ? 1 : 0,
    identity_unhashed: identityUnhashed(c) ? 1 : 0,
    search_text: searchTextOf(c),
    document: eventTexts ? documentText(c, eventTexts) : JSON.stringify(c),
    updated_at: Date.parse(c.updatedAt),
    ...recordColumns(c),
  };
}

/**
 * The columns reports and tags read (docs/domain/metrics.md, docs/domain/tags.md): region scope,
 * the organisation complained about, the deciding organisation, the day of receipt, identity, and the
 * decision's facts. Added by migration `0004_complaint_record`, which fills them from this function.
 *
 * @example
 * ```ts
 * recordColumns(c).received_day; // '2026-03-01'
 * ```
 */
export function recordColumns(c: Complaint) {
  return {
    region_scope: c.regionScope,
    subject_org_id: c.subjectOrgId,
    deciding_org_id: c.decision?.decidingOrgId ?? null,
    received_day: c.receivedDay,
    identity_verified: c.complainant.identityVerified ? 1 : 0,
    phone_hash: c.complainant.phoneHash,
    id_number_hash: c.complainant.idNumberHash,
    decided_at: ms(c.decision?.respondedAt),
    notified_at: ms(c.decision?.notifiedAt),
    timeliness: c.decision?.timeliness ?? null,
  } satisfies Partial<ComplaintsTable>;
}

/**
 * The `follow_ups` rows of a complaint: one per attempt.
 *
 * @example
 * ```ts
 * followUpRows(c).length === c.followUps.length; // true
 * ```
 */
export const followUpRows = (c: Complaint): FollowUpsTable[] =>
  c.followUps.map((f) => ({
    complaint_id: c.id,
    attempt: f.attempt,
    at: Date.parse(f.at),
    reached: f.reached ? 1 : 0,
    score: f.score,
    decision_accepted: f.decisionAccepted === null ? null : f.decisionAccepted ? 1 : 0,
  }));

/**
 * A complaint record from its row.
 *
 * @example
 * ```ts
 * const r = recordOf(row);
 * ```
 */
export const recordOf = (row: Pick<ComplaintsTable, 'document' | 'handling_org_path' | 'first_org_path' | 'customer_id'>): ComplaintRecord => ({
  complaint: JSON.parse(row.document) as Complaint,
  handlingOrgPath: row.handling_org_path,
  firstOrgPath: row.first_org_path,
  customerId: row.customer_id,
});

/**
 * An organisation record from its row.
 *
 * @example
 * ```ts
 * const o = organisationOf(row);
 * ```
 */
export const organisationOf = (r: OrganisationsTable): OrganisationRecord => ({
  id: r.id,
  parentId: r.parent_id,
  kind: r.kind as Organisation['kind'],
  name: r.name,
  regionCode: r.region_code,
  ...(r.outlet_count !== null && { outletCount: r.outlet_count }),
  ...(r.customer_count !== null && { customerCount: r.customer_count }),
  path: r.path,
});

/**
 * The materialised paths of a set of organisations (`/HO/BR-44/`), computed from the parent links.
 * Throws when a parent is missing or the links form a cycle.
 *
 * @example
 * ```ts
 * pathsOf([{ id: 'HO', parentId: null }, { id: 'BR-44', parentId: 'HO' }]).get('BR-44'); // '/HO/BR-44/'
 * ```
 */
export function pathsOf(orgs: readonly { id: string; parentId: string | null }[], known: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const parent = new Map(orgs.map((o) => [o.id, o.parentId]));
  const paths = new Map<string, string>();
  const resolve = (id: string, depth: number): string => {
    const done = paths.get(id) ?? known.get(id);
    if (done) return done;
    if (depth > 64) throw new Error(`organisation ${id}: parent links form a cycle`);
    if (!parent.has(id)) throw new Error(`organisation ${id} is referenced as a parent but not defined`);
    const p = parent.get(id) ?? null;
    const path = `${p === null ? '/' : resolve(p, depth + 1)}${id}/`;
    paths.set(id, path);
    return path;
  };
  for (const o of orgs) resolve(o.id, 0);
  return paths;
}

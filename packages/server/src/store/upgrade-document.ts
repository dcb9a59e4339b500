import {
  type Actor,
  type Complaint,
  type ComplaintClock,
  computeClock,
  type Decision,
  localDate,
  type FollowUp,
  type Organisation,
  type Review,
  regionFor,
  type StaffActor,
  type TimelineEvent,
  timelinessOf,
} from '@complaintkit/core/domain';

/** @internal a stored document before schema 0004 (the fields it had that changed). */
type DocumentV1 = Omit<Complaint, 'registeredBy' | 'firstResponder' | 'regionScope' | 'subjectOrgId' | 'receivedDay' | 'review' | 'followUps' | 'mergedFrom' | 'decision'> & {
  firstResponder: Actor;
  decision: (Omit<Decision, 'decidingOrgId' | 'dueAt' | 'timeliness'> & Partial<Decision>) | null;
  satisfaction?: { reached: boolean; score: number | null; decisionAccepted: boolean | null; at: string } | null;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** @internal the decision facts of one respond event, judged as the service judges them now. */
function decisionOf(e: TimelineEvent, decidingOrgId: string, clock: ComplaintClock, reviewing: boolean): Decision {
  const d = e.data as Record<string, unknown>;
  const notifiedAt = str(d.notifiedAt) ?? e.at;
  const dueAt = reviewing ? (clock.review?.decisionDueAt ?? clock.dueAt) : clock.dueAt;
  return {
    outcome: d.outcome as Decision['outcome'],
    ...(str(d.remedy) !== undefined && { remedy: str(d.remedy) }),
    ...(typeof d.amount === 'number' && { amount: d.amount }),
    basis: str(d.basis) ?? '',
    remediesOffered: (Array.isArray(d.remediesOffered) ? d.remediesOffered : ['review']) as Decision['remediesOffered'],
    notifiedVia: (str(d.notifiedVia) ?? 'phone') as Decision['notifiedVia'],
    notifiedAt,
    respondedAt: e.at,
    decidingOrgId,
    dueAt,
    timeliness: timelinessOf(notifiedAt, dueAt),
  };
}

/**
 * Brings a stored complaint document from the schema before 0003 to the current record, from its own
 * timeline, losing nothing: the registering actor becomes `registeredBy` and the first responder is
 * the staff member who registered or accepted it (首问负责); the original decision and a review's
 * decision are told apart (the old record kept only the later); every follow-up attempt is listed;
 * decisions get their deciding organisation, deadline and met / missed (judged on `notifiedAt`);
 * region scope, organisation complained about and the day of receipt are filled as registration now
 * fills them. Identity hashes stay `null` (they need the bank's secret: `backfillIdentityHashes`).
 * A document already in the current shape is returned unchanged.
 *
 * @example
 * ```ts
 * const current = upgradeDocument(JSON.parse(row.document), orgsById);
 * ```
 */
export function upgradeDocument(raw: unknown, orgs: ReadonlyMap<string, Pick<Organisation, 'kind' | 'regionCode'>>): Complaint {
  const doc = raw as DocumentV1 & Partial<Complaint>;
  if (doc.registeredBy !== undefined && Array.isArray(doc.followUps)) return doc as Complaint;
  const old = doc as DocumentV1;
  const registerEvent = old.timeline.find((e) => e.type === 'register');
  let org = str(registerEvent?.data.handlingOrgId) ?? old.handlingOrgId;
  const registeredAtOrg = org;
  let firstResponder: StaffActor | null = old.firstResponder.kind === 'staff' ? old.firstResponder : null;
  let verified = false;
  let decision: Decision | null = null;
  let review: Review | null = null;
  const followUps: FollowUp[] = [];
  old.timeline.forEach((e, i) => {
    switch (e.type) {
      case 'accept':
        // A stored event names its staff member (only a customer's view leaves id and role out).
        if (e.actor.kind === 'staff') firstResponder ??= e.actor as StaffActor;
        verified = true;
        break;
      case 'transfer':
        org = str(e.data.toOrgId) ?? org;
        break;
      case 'request_review': {
        const decidedBy = str(e.data.decidedByOrgId) ?? org;
        const reviewer = str(e.data.reviewerOrgId) ?? org;
        review = { requestedAt: e.at, reason: e.reason ?? str(e.data.reason) ?? '', decidedByOrgId: decidedBy, reviewerOrgId: reviewer, decision: null };
        org = reviewer;
        break;
      }
      case 'respond': {
        const clock = computeClock({ ...old, timeline: old.timeline.slice(0, i) }, { now: Date.parse(e.at) });
        const reviewing = e.fromStatus === 'under_review' && review !== null;
        const d = decisionOf(e, org, clock, reviewing);
        if (reviewing && review) review = { ...review, decision: d };
        else decision = d;
        break;
      }
      case 'follow_up': {
        const reached = e.data.reached === true;
        followUps.push({
          attempt: followUps.length + 1,
          at: e.at,
          reached,
          score: reached && typeof e.data.satisfaction === 'number' ? e.data.satisfaction : null,
          decisionAccepted: typeof e.data.decisionAccepted === 'boolean' ? e.data.decisionAccepted : null,
          comment: str(e.data.comment) ?? null,
        });
        break;
      }
      case 'reopen':
        decision = null;
        review = null;
        break;
    }
  });
  // Imported history may carry a decision or a follow-up without the events behind them.
  if (decision === null && old.decision && !old.timeline.some((e) => e.type === 'respond' || e.type === 'reopen')) {
    const dueAt = old.deadlines.decisionDueAt ?? old.decision.respondedAt;
    decision = {
      ...old.decision,
      decidingOrgId: old.handlingOrgId,
      dueAt,
      timeliness: timelinessOf(old.decision.notifiedAt, dueAt),
    };
  }
  if (followUps.length === 0 && old.satisfaction) {
    const s = old.satisfaction;
    followUps.push({ attempt: 1, at: s.at, reached: s.reached, score: s.score, decisionAccepted: s.decisionAccepted, comment: null });
  }
  const { satisfaction: _s, firstResponder: registeredBy, regionCode, ...rest } = old;
  return {
    ...rest,
    complainant: {
      ...old.complainant,
      identityVerified: old.complainant.identityVerified ?? verified,
      phoneHash: old.complainant.phoneHash ?? null,
      idNumberHash: old.complainant.idNumberHash ?? null,
    },
    ...regionFor(regionCode ?? undefined, orgs.get(registeredAtOrg)),
    subjectOrgId: registeredAtOrg,
    registeredBy,
    firstResponder,
    receivedDay: localDate(Date.parse(old.receivedAt)),
    decision,
    review,
    followUps,
    mergedFrom: [],
  };
}

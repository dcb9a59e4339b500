import type { Complaint, TimelineEvent } from '../schemas/complaint.js';
import { redactText } from './redact.js';

/** @internal a string redacted, anything else as it is. */
const r = <T>(v: T): T => (typeof v === 'string' ? (redactText(v) as T) : v);

/**
 * A timeline event with its free text redacted (docs/domain/personal-data.md): the reason and every
 * string the step's body carried (notes, comments, a decision's basis and remedy).
 *
 * @example
 * ```ts
 * redactEventText(event).reason; // '客户 138****5678 要求…'
 * ```
 */
export function redactEventText(e: TimelineEvent): TimelineEvent {
  return { ...e, reason: r(e.reason), data: Object.fromEntries(Object.entries(e.data).map(([k, v]) => [k, r(v)])) };
}

/**
 * A complaint with its free text redacted the way the search index is (docs/domain/personal-data.md):
 * description, requested resolution, timeline reasons and comments, follow-up comments, the review's
 * reason, the decisions' basis and remedy. Personal numbers become masks; other text is unchanged.
 * Redacting twice changes nothing.
 *
 * @example
 * ```ts
 * redactComplaintText(c).description; // '… 请联系 138****5678'
 * ```
 */
export function redactComplaintText(c: Complaint): Complaint {
  const decision = <D extends Complaint['decision']>(d: D): D => (d === null ? d : { ...d, basis: r(d.basis), ...(d.remedy !== undefined && { remedy: r(d.remedy) }) });
  return {
    ...c,
    description: r(c.description),
    ...(c.requestedResolution !== undefined && { requestedResolution: r(c.requestedResolution) }),
    timeline: c.timeline.map(redactEventText),
    followUps: c.followUps.map((f) => ({ ...f, comment: r(f.comment) })),
    decision: decision(c.decision),
    review: c.review === null ? null : { ...c.review, reason: r(c.review.reason), decision: decision(c.review.decision) },
  };
}

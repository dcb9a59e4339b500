import type { Complaint } from '@complaintkit/core/domain';
import { raiseSensitiveAlert } from '../alerts/sensitive.js';
import type { ResolvedDeps } from './deps.js';

/**
 * The early warning of a newly registered complaint whose words the sensitive-case lexicon flags:
 * one log entry (`sensitive_case_flagged`) with the complaint number, the kinds and the lexicon
 * phrases matched, never the complainant's own text or personal data, and an early-warning alert
 * (level `alert`, one per complaint) listed through `GET /v1/alerts` and pushed on the event stream
 * to the handling organisation's managers and those above. The complaint itself is not changed:
 * escalation (包案) stays a person's decision. A failure to store the alert is logged, never the
 * registration's failure (the complaint is already stored).
 *
 * @example
 * ```ts
 * await warnIfSensitive(deps, complaint);
 * ```
 */
export async function warnIfSensitive(deps: ResolvedDeps, complaint: Complaint): Promise<void> {
  const flags = deps.suggester.flags(complaint);
  if (flags.length === 0) return;
  deps.logger.info({
    msg: 'sensitive_case_flagged',
    complaintId: complaint.id,
    handlingOrgId: complaint.handlingOrgId,
    severity: complaint.severity,
    kinds: flags.map((f) => f.kind),
    phrases: [...new Set(flags.flatMap((f) => f.evidence.map((e) => e.phrase)))],
    lexicon: deps.suggester.lexiconVersion,
  });
  try {
    await raiseSensitiveAlert(deps.store, complaint, flags.map((f) => f.kind), deps.now());
  } catch (e) {
    deps.logger.error({ msg: 'sensitive_case_alert_failed', complaintId: complaint.id, error: e instanceof Error ? e.name : 'unknown' });
  }
}

import type { Complaint } from '@complaintkit/core/domain';
import type { ResolvedDeps } from './deps.js';

/**
 * The early warning of a newly registered complaint whose words the sensitive-case lexicon flags:
 * one log entry (`sensitive_case_flagged`) with the complaint number, the kinds and the lexicon
 * phrases matched, never the complainant's own text or personal data. The complaint itself is not
 * changed: escalation (包案) stays a person's decision.
 *
 * @example
 * ```ts
 * warnIfSensitive(deps, complaint);
 * ```
 */
export function warnIfSensitive(deps: ResolvedDeps, complaint: Complaint): void {
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
}

import { randomUUID } from 'node:crypto';
import { type Alert, bankDayOf, type Complaint } from '@complaintkit/core/domain';
import type { Store } from '../store/store.js';

/**
 * The rule id of a sensitive-case alert: one per complaint (`sensitive-case:<complaint id>`), so the
 * alert is raised once however often the registration is retried, and `GET /v1/alerts?ruleId=…`
 * finds it.
 *
 * @example
 * ```ts
 * sensitiveRuleId('CK20260301-000042'); // 'sensitive-case:CK20260301-000042'
 * ```
 */
export const sensitiveRuleId = (complaintId: string): string => `sensitive-case:${complaintId}`;

/**
 * Opens the early-warning alert of a newly registered complaint the sensitive-case lexicon flags
 * (docs/domain/metrics.md, Early warning: "any major or escalated case"): level `alert`, filed under
 * the handling organisation (its managers and those above see it), pushed on the event stream, with
 * the flag kinds and the complaint behind it; never its text or personal data. It stays open until a
 * manager acknowledges and resolves it. Returns the alert, or `undefined` when one is already open.
 *
 * @example
 * ```ts
 * await raiseSensitiveAlert(store, complaint, ['lawsuit'], Date.now());
 * ```
 */
export async function raiseSensitiveAlert(store: Store, complaint: Complaint, kinds: readonly string[], now: number): Promise<Alert | undefined> {
  const org = await store.getOrganisation(complaint.handlingOrgId);
  if (!org) return undefined;
  const at = new Date(now).toISOString();
  const day = bankDayOf(Date.parse(complaint.receivedAt));
  const alert: Alert = {
    id: `AL-${randomUUID()}`,
    ruleId: sensitiveRuleId(complaint.id),
    ruleName: `敏感投诉预警 ${complaint.id}`,
    orgId: org.id,
    level: 'alert',
    status: 'open',
    metric: 'volume',
    window: { from: day, to: day },
    figures: { value: 1, threshold: 0, comparison: 'value', change: null, volume: 1 },
    complaints: `/v1/complaints/${complaint.id}`,
    complaintId: complaint.id,
    flags: [...new Set(kinds)],
    openedAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
  };
  return (await store.reporting.saveAlert(alert, org.path, { publish: true, ifNoneActive: true })) ? alert : undefined;
}

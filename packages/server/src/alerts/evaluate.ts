import { randomUUID } from 'node:crypto';
import { type Alert, type AlertRule, bankDayOf, type ChangeData, compare, endOfBankDay, type ReportFilter } from '@complaintkit/core/domain';
import { needsFor, reportSpec } from '../reports/spec.js';
import type { OrganisationRecord, Store } from '../store/store.js';
import { alertWindows } from './window.js';

/**
 * What one evaluation of a rule did: opened a new alert, updated the figures of the one already open
 * (deduplicated), resolved it because the rule no longer fires, or nothing.
 *
 * @example
 * ```ts
 * const o: RuleOutcome = { kind: 'opened', alert };
 * ```
 */
export type RuleOutcome = { kind: 'opened' | 'updated' | 'resolved'; alert: Alert; orgPath: string } | { kind: 'none' };

/** @internal an ISO instant in Asia/Shanghai (`…+08:00`) from a bank day's boundary. */
const shanghaiIso = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

/**
 * The `GET /v1/complaints` query of the complaints behind an alert: the scope, the filter and the
 * window's days of receipt (and `overdue=true` for the overdue metric).
 *
 * @example
 * ```ts
 * complaintsLink(scope, rule.filter, window, 'overdueOpen'); // '/v1/complaints?orgId=BR-44&overdue=true&…'
 * ```
 */
export function complaintsLink(scope: OrganisationRecord, filter: ReportFilter, window: { from: string; to: string }, metric: string): string {
  const q = new URLSearchParams({ orgId: scope.id });
  if (metric === 'overdueOpen') q.set('overdue', 'true');
  else {
    q.set('receivedFrom', shanghaiIso(endOfBankDay(window.from) - 86_400_000 + 1));
    q.set('receivedTo', shanghaiIso(endOfBankDay(window.to)));
  }
  for (const key of ['intakeChannel', 'businessChannel', 'businessCategory', 'cause', 'severity'] as const) {
    for (const v of filter[key] ?? []) q.append(key, v);
  }
  if (filter.region && filter.region !== 'not_regional') q.set('region', filter.region);
  return `/v1/complaints?${q.toString()}`;
}

/**
 * Evaluates one rule at `now` and applies the outcome: a firing rule with no open (or acknowledged)
 * alert opens one; with one, its figures are updated and nothing new is raised (deduplicated while
 * open); a rule that stops firing resolves its alert. Fires when at least `minimumVolume` complaints
 * were received in the window (and, for a change, in its base), and the value (for `value`) or the
 * percentage change (for `mom` / `yoy`) is strictly above or below the threshold.
 *
 * @example
 * ```ts
 * const outcome = await evaluateRule(store, rule, Date.now());
 * if (outcome.kind === 'opened') notify(outcome.alert);
 * ```
 */
export async function evaluateRule(store: Store, rule: AlertRule, now: number): Promise<RuleOutcome> {
  const owner = await store.getOrganisation(rule.orgId);
  if (!owner) return { kind: 'none' };
  const narrowed = rule.filter.orgId ? await store.getOrganisation(rule.filter.orgId) : owner;
  const scope = narrowed?.path.startsWith(owner.path) ? narrowed : owner;
  const windows = alertWindows(bankDayOf(now), rule.window);
  const run = async (range: { from: string; to: string }) => store.reporting.report(await reportSpec(store, scope, range, rule.filter), needsFor(rule.metric));
  const current = await run(windows.current);
  const value = current.total.metrics[rule.metric];
  const volume = current.total.aggregates.received;
  let change: ChangeData | null = null;
  let compared: number | null = value;
  let enough = volume >= rule.minimumVolume;
  if (rule.comparison !== 'value') {
    const base = await run(rule.comparison === 'mom' ? windows.previous : windows.yearEarlier);
    change = compare(value, base.total.metrics[rule.metric]);
    compared = change.percent;
    enough = enough && base.total.aggregates.received >= rule.minimumVolume;
  }
  const fires = rule.enabled && enough && compared !== null && (rule.direction === 'above' ? compared > rule.threshold : compared < rule.threshold);
  const active = await store.reporting.activeAlert(rule.id);
  const at = new Date(now).toISOString();
  const figures = { value, threshold: rule.threshold, comparison: rule.comparison, change, volume };
  if (fires) {
    if (active) return { kind: 'updated', alert: { ...active, figures, window: windows.current, updatedAt: at }, orgPath: scope.path };
    return {
      kind: 'opened',
      orgPath: scope.path,
      alert: {
        id: `AL-${randomUUID()}`,
        ruleId: rule.id,
        ruleName: rule.name,
        orgId: scope.id,
        level: rule.level,
        status: 'open',
        metric: rule.metric,
        window: windows.current,
        figures,
        complaints: complaintsLink(scope, rule.filter, windows.current, rule.metric),
        openedAt: at,
        updatedAt: at,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
      },
    };
  }
  if (active) return { kind: 'resolved', alert: { ...active, status: 'resolved', resolvedAt: at, updatedAt: at }, orgPath: scope.path };
  return { kind: 'none' };
}

/**
 * Evaluates rules (all enabled ones under `underPath`, or one) and stores each outcome; a newly
 * opened alert is published on the event stream.
 *
 * @example
 * ```ts
 * const r = await evaluateRules(store, { now: Date.now() });
 * r.opened.length;
 * ```
 */
export async function evaluateRules(
  store: Store,
  options: { now: number; underPath?: string | undefined; ruleId?: string | undefined },
): Promise<{ rules: number; opened: Alert[]; updated: Alert[]; resolved: Alert[] }> {
  const rules = (await store.reporting.listRules(options.underPath)).filter((r) => options.ruleId === undefined || r.id === options.ruleId);
  const out = { rules: rules.length, opened: [] as Alert[], updated: [] as Alert[], resolved: [] as Alert[] };
  for (const rule of rules) {
    let o = await evaluateRule(store, rule, options.now);
    if (o.kind === 'opened') {
      if (await store.reporting.saveAlert(o.alert, o.orgPath, { publish: true, ifNoneActive: true })) {
        out.opened.push(o.alert);
        continue;
      }
      // Another evaluation opened one meanwhile (checked in the write transaction): update that one.
      o = await evaluateRule(store, rule, options.now);
      if (o.kind === 'opened') continue;
    }
    if (o.kind === 'none') continue;
    await store.reporting.saveAlert(o.alert, o.orgPath, { publish: o.kind === 'resolved' });
    out[o.kind].push(o.alert);
  }
  return out;
}

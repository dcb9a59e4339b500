import type { Observable } from 'rxjs';
import type { RequestOptions } from '../core/options.js';
import type { Alert, AlertEvaluation, AlertListQueryInput, AlertRule, AlertRuleInputData, AlertRulePatch } from '../domain/schemas/alerts.js';
import type { ClientContext } from '../internal/context.js';
import { lazyObservable } from '../internal/lazy-observable.js';
import { lazyReporting } from '../internal/lazy-reporting.js';
import type { StreamOptions } from './complaints.js';

/**
 * Early-warning rules (managers and leadership change them; auditors read them).
 *
 * @example
 * ```ts
 * const rule = await client.alerts.rules.create({ name: '南山支行按时办结率', metric: 'timeliness', filter: { orgId: 'SB-440305' },
 *   window: 'month', direction: 'below', threshold: 0.95, minimumVolume: 10, level: 'warn' });
 * ```
 */
export interface AlertRulesResource {
  /** `GET /v1/alert-rules`. @example `const { data } = await client.alerts.rules.list();` */
  list(options?: RequestOptions): Promise<{ data: AlertRule[] }>;
  /**
   * `POST /v1/alert-rules` (retried safely with one `Idempotency-Key`).
   *
   * @example
   * ```ts
   * await client.alerts.rules.create({ name: '逾期超过5件', metric: 'overdueOpen', filter: { orgId: 'BR-44' }, direction: 'above', threshold: 5, level: 'alert' });
   * ```
   */
  create(body: AlertRuleInputData, options?: RequestOptions): Promise<AlertRule>;
  /** `GET /v1/alert-rules/{id}`. @example `const r = await client.alerts.rules.get(id);` */
  get(id: string, options?: RequestOptions): Promise<AlertRule>;
  /** `PATCH /v1/alert-rules/{id}`. @example `await client.alerts.rules.update(id, { threshold: 0.9 });` */
  update(id: string, patch: AlertRulePatch, options?: RequestOptions): Promise<AlertRule>;
  /** `DELETE /v1/alert-rules/{id}`: the rule goes, its alerts stay. @example `await client.alerts.rules.remove(id);` */
  remove(id: string, options?: RequestOptions): Promise<{ id: string; deleted: true }>;
}

/**
 * Early warning: rules, alerts, evaluation on demand, and an Observable of alerts as they open and
 * resolve.
 *
 * @example
 * ```ts
 * client.alerts.stream().subscribe((a) => a.status === 'open' && toast(`${a.ruleName}: ${a.figures.value}`));
 * const { data } = await client.alerts.list({ status: ['open'] });
 * ```
 */
export interface AlertsResource {
  readonly rules: AlertRulesResource;
  /** `GET /v1/alerts`, newest first. @example `const { data } = await client.alerts.list({ status: ['open', 'acknowledged'] });` */
  list(query?: AlertListQueryInput, options?: RequestOptions): Promise<{ data: Alert[] }>;
  /**
   * `POST /v1/alerts/evaluate`: evaluates the rules now (the service also does so on a schedule).
   *
   * @example
   * ```ts
   * const { opened, resolved } = await client.alerts.evaluate();
   * ```
   */
  evaluate(body?: { ruleId?: string | undefined }, options?: RequestOptions): Promise<AlertEvaluation>;
  /** `POST /v1/alerts/{id}/acknowledge`. @example `await client.alerts.acknowledge(alert.id, { note: '已安排专人核查' });` */
  acknowledge(id: string, body?: { note?: string | undefined }, options?: RequestOptions): Promise<Alert>;
  /** `POST /v1/alerts/{id}/resolve`. @example `await client.alerts.resolve(alert.id);` */
  resolve(id: string, body?: { note?: string | undefined }, options?: RequestOptions): Promise<Alert>;
  /**
   * Alerts as they open and resolve (the `alert` messages of `GET /v1/events`), as a cold
   * Observable: each subscription opens a connection, resumes after the last event on a drop, and
   * closes on unsubscribe.
   *
   * @example
   * ```ts
   * const sub = client.alerts.stream().subscribe((a) => console.log(a.level, a.ruleName, a.status));
   * sub.unsubscribe();
   * ```
   */
  stream(options?: StreamOptions): Observable<Alert>;
}

/** @internal */
export function alertsResource(ctx: ClientContext): AlertsResource {
  const call = lazyReporting(ctx);
  return {
    rules: {
      list: (options) => call('listAlertRules', {}, options),
      create: (body, options) => call('createAlertRule', { body }, options),
      get: (id, options) => call('getAlertRule', { params: { id } }, options),
      update: (id, patch, options) => call('updateAlertRule', { params: { id }, body: patch }, options),
      remove: (id, options) => call('deleteAlertRule', { params: { id } }, options),
    },
    list: (query, options) => call('listAlerts', { query: query ?? {} }, options),
    evaluate: (body, options) => call('evaluateAlerts', { body: body ?? {} }, options),
    acknowledge: (id, body, options) => call('acknowledgeAlert', { params: { id }, body: body ?? {} }, options),
    resolve: (id, body, options) => call('resolveAlert', { params: { id }, body: body ?? {} }, options),
    stream: (options) => lazyObservable(() => import('../internal/realtime/alert-stream.js').then((m) => m.alertStream(ctx, options))),
  };
}

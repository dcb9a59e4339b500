import { type Alert, type AlertRule, compare, computeReport, type ReportRowData } from '@complaintkit/core/domain';

/** @internal a report row as the wire shows it, computed by core from no complaints, then given figures. */
function row(key: Record<string, string>, volume: number): ReportRowData {
  const empty = computeReport([], { range: { from: '2026-03-01', to: '2026-03-31' }, filter: {}, groupBy: [] }).total;
  return { key, aggregates: { ...empty.aggregates, received: volume }, metrics: { ...empty.metrics, volume, share: 1 } };
}

/**
 * The success examples of the reporting operations, by operationId, shaped by core's own functions
 * (`computeReport`, `compare`) so they match the schemas.
 *
 * @example
 * ```ts
 * reportingExamples()['reports.get'];
 * ```
 */
export function reportingExamples(): Record<string, unknown> {
  const at = '2026-03-10T02:00:00.000Z';
  const rule: AlertRule = {
    id: 'AR-0f3c',
    name: '广东信用卡投诉环比',
    metric: 'volume',
    filter: { region: '44', businessCategory: ['B0302'] },
    window: 'month',
    comparison: 'mom',
    direction: 'above',
    threshold: 50,
    minimumVolume: 20,
    level: 'warn',
    enabled: true,
    orgId: 'HO',
    createdBy: 'u-1001',
    createdAt: at,
    updatedAt: at,
  };
  const alert: Alert = {
    id: 'AL-7d21',
    ruleId: rule.id,
    ruleName: rule.name,
    orgId: 'HO',
    level: 'warn',
    status: 'open',
    metric: 'volume',
    window: { from: '2026-03-01', to: '2026-03-10' },
    figures: { value: 45, threshold: 50, comparison: 'mom', change: compare(45, 28), volume: 45 },
    complaints: '/v1/complaints?orgId=HO&receivedFrom=2026-03-01T00%3A00%3A00.000%2B08%3A00&receivedTo=2026-03-10T23%3A59%3A59.999%2B08%3A00&businessCategory=B0302&region=44',
    openedAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
  };
  const total = row({}, 120);
  return {
    'reports.get': { from: '2026-03-01', to: '2026-03-31', orgId: 'HO', groupBy: ['businessCategory'], rows: [row({ businessCategory: 'B0302' }, 120)], total },
    'reports.trend': {
      metric: 'volume',
      interval: 'month',
      orgId: 'HO',
      periods: [{ key: '2026-03', from: '2026-03-01', to: '2026-03-31', value: 120, mom: compare(120, 100), yoy: compare(120, 0) }],
    },
    'reports.heatMap': {
      level: 'province',
      orgId: 'HO',
      cells: [
        { region: '440000', volume: 100, customers: 7_300_000, per10kCustomers: 0.137, metrics: total.metrics },
        { region: 'not_regional', volume: 20, customers: null, per10kCustomers: null, metrics: total.metrics },
      ],
    },
    'reports.regulator': {
      quarter: '2026Q1',
      orgId: 'HO',
      rows: [{ businessCategory: 'B0302', cause: 'C11', businessChannel: 'A010303', count: 120 }],
      total: 120,
      qoq: compare(120, 100),
      yoy: compare(120, 150),
      timeliness: 0.97,
      generatedAt: at,
    },
    'alertRules.list': { data: [rule] },
    'alertRules.create': rule,
    'alertRules.get': rule,
    'alertRules.update': { ...rule, threshold: 0.9 },
    'alertRules.delete': { id: rule.id, deleted: true },
    'alerts.list': { data: [alert] },
    'alerts.evaluate': { rules: 1, opened: [alert], updated: [], resolved: [] },
    'alerts.acknowledge': { ...alert, status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: 'u-1001' },
    'alerts.resolve': { ...alert, status: 'resolved', resolvedAt: at },
    'history.import': { read: 1, imported: 1, skipped: 0, batches: 1, errors: [] },
  };
}

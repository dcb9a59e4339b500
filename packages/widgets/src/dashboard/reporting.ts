import type { ComplaintClient } from '@complaintkit/core';

// The shapes the dashboard reads from the reports API (`client.reports`, `client.alerts`), as core's
// reporting schemas define them (docs/domain/metrics.md). They are written here only until those
// schemas reach this package's core: then these become re-exports of core's `Report`, `Trend`,
// `HeatMap` and `Alert`, and `reportingOf` a plain `client`.


/** One row of a report: its key per dimension, aggregates and metrics. @example `row.metrics.volume;` */
export interface ReportRow {
  key: Record<string, string>;
  aggregates: Record<string, number>;
  metrics: Record<string, number | null>;
}
/** `GET /v1/reports`. @example `const r: Report = await reportingOf(client).reports.get({ from, to });` */
export interface Report {
  from: string;
  to: string;
  orgId: string;
  groupBy: string[];
  rows: ReportRow[];
  total: ReportRow;
}
/** `GET /v1/reports/trend`. @example `t.periods.at(-1)?.yoy.percent;` */
export interface Trend {
  metric: string;
  interval: 'day' | 'week' | 'month' | 'quarter';
  orgId: string;
  periods: { key: string; from: string; to: string; value: number | null; mom: { current: number | null; base: number | null; absolute: number | null; percent: number | null; status: 'ok' | 'new' | 'zero' | 'missing' | 'below_minimum' }; yoy: { current: number | null; base: number | null; absolute: number | null; percent: number | null; status: 'ok' | 'new' | 'zero' | 'missing' | 'below_minimum' } }[];
}
/** `GET /v1/reports/heat-map`. @example `h.cells.map((c) => [c.region, c.volume]);` */
export interface HeatMap {
  level: 'province' | 'prefecture';
  orgId: string;
  cells: { region: string; volume: number; customers: number | null; per10kCustomers: number | null; metrics: Record<string, number | null> }[];
}
/** How loud an alert is. @example `const l: AlertLevel = 'warn';` */
export type AlertLevel = 'info' | 'warn' | 'alert';
/** An early-warning alert (`GET /v1/alerts`). @example `a.ruleName;` */
export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  orgId: string;
  level: AlertLevel;
  status: 'open' | 'acknowledged' | 'resolved';
  metric: string;
  window: { from: string; to: string };
  figures: { value: number | null; threshold: number; comparison: 'value' | 'mom' | 'yoy'; change: { current: number | null; base: number | null; absolute: number | null; percent: number | null; status: 'ok' | 'new' | 'zero' | 'missing' | 'below_minimum' } | null; volume: number };
  openedAt: string;
}

/**
 * The reporting calls of the client the dashboard uses.
 *
 * @example
 * ```ts
 * const r = await reportingOf(await this.client()).reports.get({ from: '2026-01-01', to: '2026-03-31' });
 * ```
 */
export interface ReportingClient {
  reports: {
    get(q: { from: string; to: string; orgId?: string; groupBy?: string[] }): Promise<Report>;
    trend(q: { from: string; to: string; orgId?: string; interval: Trend['interval']; metric: string }): Promise<Trend>;
    heatMap(q: { from: string; to: string; orgId?: string; level: 'province' | 'prefecture' }): Promise<HeatMap>;
  };
  alerts: { list(q: { status: Alert['status'][] }): Promise<{ data: Alert[] }> };
}

/**
 * The client's reporting calls (a view of the same client object).
 *
 * @example
 * ```ts
 * const { data } = await reportingOf(client).alerts.list({ status: ['open'] });
 * ```
 */
export const reportingOf = (client: ComplaintClient): ReportingClient => client as unknown as ReportingClient;

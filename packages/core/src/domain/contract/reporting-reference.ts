import type { EndpointReference } from './reference.js';
import type { REPORTING_ENDPOINTS } from './reporting-endpoints.js';

/** @internal */
const READ = "Managers, leadership and auditors, over their own subtree (or `orgId` inside it); others get 403.";
/** @internal */
const MANAGE = 'Managers and leadership (auditors read only).';

/**
 * The reference of each reporting operation (reports, alerts, history import), by the keys of
 * `REPORTING_ENDPOINTS`; the formulas are in docs/guides/measuring-complaint-handling.md.
 *
 * @example
 * ```ts
 * REPORTING_REFERENCE.report.problems; // ['validation_failed', 'forbidden', 'not_found', 'rule_violation']
 * ```
 */
export const REPORTING_REFERENCE: { readonly [K in keyof typeof REPORTING_ENDPOINTS]: EndpointReference } = {
  report: {
    description: `Every metric (volume, share, timeliness, handling time, repeat rate, follow-up, satisfaction, normalised volumes …) for a range of bank days in Asia/Shanghai, filtered on every dimension, grouped by up to two. ${READ}`,
    problems: ['validation_failed', 'forbidden', 'not_found', 'rule_violation'],
    example: { query: { from: '2026-03-01', to: '2026-03-31', groupBy: 'businessCategory' } },
  },
  trend: {
    description: `One metric per day, ISO week, month or quarter over the whole periods covering the range, each with its change against the previous period (MoM) and the same period a year earlier (YoY): absolute, percent, and a status (ok, new, zero, missing). The period holding today is compared on its days so far (on 1 December: 1 December against 1 November and against 1 December a year earlier). ${READ}`,
    problems: ['validation_failed', 'forbidden', 'not_found', 'rule_violation'],
    example: { query: { from: '2025-04-01', to: '2026-03-31', interval: 'month', metric: 'volume' } },
  },
  heatMap: {
    description: `Counts and rates per province or prefecture (GB/T 2260), with the not_regional bucket (functional centres) kept, and volume per 10,000 customers where the bank supplied customer counts. ${READ}`,
    problems: ['validation_failed', 'forbidden', 'not_found', 'rule_violation'],
    example: { query: { from: '2026-01-01', to: '2026-03-31', level: 'province' } },
  },
  regulator: {
    description: `A quarter's regulator statistics: counts by business category × cause × business channel (JR/T 0169-2018), the total with QoQ and YoY, and the timeliness rate; \`format=csv\` answers text/csv. ${READ}`,
    problems: ['validation_failed', 'forbidden', 'not_found'],
    example: { query: { quarter: '2026Q1' } },
  },
  listAlertRules: { description: `The early-warning rules of the caller's subtree. ${READ}`, problems: ['forbidden'] },
  createAlertRule: {
    description: `Creates an early-warning rule owned by the caller's organisation. ${MANAGE}`,
    problems: ['validation_failed', 'forbidden', 'not_found'],
    example: {
      body: { name: '广东信用卡投诉环比', metric: 'volume', filter: { region: '44', businessCategory: ['B0302'] }, window: 'month', comparison: 'mom', direction: 'above', threshold: 50, minimumVolume: 20, level: 'warn' },
    },
  },
  getAlertRule: { description: `One early-warning rule. ${READ}`, problems: ['forbidden', 'not_found'] },
  updateAlertRule: { description: `Changes the given fields of a rule. ${MANAGE}`, problems: ['validation_failed', 'forbidden', 'not_found'], example: { body: { threshold: 0.9 } } },
  deleteAlertRule: { description: `Removes a rule; its alerts stay on record. ${MANAGE}`, problems: ['forbidden', 'not_found'] },
  listAlerts: {
    description: `Alerts of the caller's subtree, newest first. ${READ}`,
    problems: ['validation_failed', 'forbidden'],
    example: { query: { status: 'open' } },
  },
  evaluateAlerts: {
    description: `Evaluates the rules of the caller's subtree now (the service also does so every 5 minutes): opens an alert for a rule that fires and has none open, updates the open one (deduplicated), resolves it when the rule stops firing. ${MANAGE}`,
    problems: ['validation_failed', 'forbidden'],
    example: { body: {} },
  },
  acknowledgeAlert: { description: `Acknowledges an open alert. ${MANAGE}`, problems: ['validation_failed', 'forbidden', 'not_found', 'rule_violation'], example: { body: { note: '已安排专人核查' } } },
  resolveAlert: { description: `Resolves an alert by hand. ${MANAGE}`, problems: ['validation_failed', 'forbidden', 'not_found'], example: { body: { note: '已整改' } } },
  importHistory: {
    description: `Imports historical complaints (CSV with a header row, or NDJSON; the columns of HistoryRecord): every row is validated and replayed through the lifecycle first, and a file with any bad row imports nothing and is answered 422 invalid_rows, its errors giving each bad row's line, field (path) and message; then one transaction per batch; rows already imported (same sourceId) are skipped. ${MANAGE}`,
    problems: ['validation_failed', 'forbidden', 'invalid_rows'],
    example: {
      body: {
        format: 'ndjson',
        data: '{"sourceId":"OLD-1","receivedAt":"2024-03-01T09:00:00+08:00","orgId":"BR-44","intakeChannel":"hotline","businessChannel":"A0101","businessCategory":"B0302","cause":"C11","decidedAt":"2024-03-10T10:00:00+08:00","outcome":"upheld"}',
      },
    },
  },
};

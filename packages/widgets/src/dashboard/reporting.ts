// The shapes the dashboard reads from the reports API (`client.reports`, `client.alerts`) are core's
// reporting schemas (docs/domain/metrics.md), re-exported for the dashboard's parts: written once.
export type { Alert, AlertLevel, HeatMap, Report, Trend } from '@complaintkit/core/domain';

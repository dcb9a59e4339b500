import { DashboardAlerts } from './alerts.js';
import { DashboardHeatMap } from './heat-map.js';
import { DashboardRates } from './rates.js';
import { DashboardShares } from './shares.js';
import { DashboardTimeliness } from './timeliness.js';
import { DashboardTrend } from './trend.js';

/**
 * The dashboard's part elements by tag: each usable alone.
 *
 * @example
 * ```ts
 * customElements.define('ck-dashboard-trend', DASHBOARD_PARTS['ck-dashboard-trend']);
 * ```
 */
export const DASHBOARD_PARTS = {
  'ck-dashboard-rates': DashboardRates,
  'ck-dashboard-shares': DashboardShares,
  'ck-dashboard-timeliness': DashboardTimeliness,
  'ck-dashboard-trend': DashboardTrend,
  'ck-dashboard-heat-map': DashboardHeatMap,
  'ck-dashboard-alerts': DashboardAlerts,
} as const;

/**
 * Defines every part element the page has not defined yet.
 *
 * @example
 * ```ts
 * defineDashboardParts();
 * ```
 */
export function defineDashboardParts(): void {
  for (const [tag, cls] of Object.entries(DASHBOARD_PARTS)) if (!customElements.get(tag)) customElements.define(tag, cls);
}

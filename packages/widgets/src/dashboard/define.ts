/**
 * Registers `<ck-complaint-dashboard>` and its part elements (the dashboard's chunk: `/auto` imports
 * this only when the page has a dashboard element).
 *
 * @example
 * ```ts
 * import '@complaintkit/widgets/dashboard'; // or: await loadDashboard() from '@complaintkit/widgets'
 * ```
 *
 * @module
 */
import { ComplaintDashboard } from './complaint-dashboard.js';
import { defineDashboardParts } from './parts.js';

defineDashboardParts();
if (!customElements.get('ck-complaint-dashboard')) customElements.define('ck-complaint-dashboard', ComplaintDashboard);

export { ComplaintDashboard } from './complaint-dashboard.js';
export { DASHBOARD_PARTS, defineDashboardParts } from './parts.js';
export { DashboardPart } from './dashboard-part.js';
export { DashboardAlerts } from './alerts.js';
export { DashboardHeatMap } from './heat-map.js';
export { DashboardRates } from './rates.js';
export { DashboardShares, type ShareDimension } from './shares.js';
export { DashboardTimeliness, type TimelinessData } from './timeliness.js';
export { DASHBOARD_WORDS, type DashboardWords } from './words.js';
export { DashboardTrend } from './trend.js';
export { PROVINCE_TILES } from './province-tiles.js';

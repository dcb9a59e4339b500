/**
 * `@complaintkit/widgets`: drop-in web components for bank apps. This entry has no side effects:
 * import the classes and define the ones you use, or import `@complaintkit/widgets/auto` to register
 * every `<ck-*>` element.
 *
 * @example
 * ```ts
 * import { ComplaintForm, configure } from '@complaintkit/widgets';
 * configure({ baseUrl: 'https://complaints.example-bank.cn', token: () => app.getToken() });
 * customElements.define('ck-complaint-form', ComplaintForm);
 * ```
 *
 * @packageDocumentation
 */
export { ComplaintForm } from './complaint-form/complaint-form.js';
export type { Draft, DraftValues } from './complaint-form/draft-store.js';
export { ComplaintList } from './complaint-list/complaint-list.js';
export { ComplaintStatus } from './complaint-status/complaint-status.js';
export { en } from './i18n/en.js';
export { registerTranslation, resolveLocale, translate } from './i18n/localize.js';
export { type MessageKey, type Translation, zhCN } from './i18n/zh-cn.js';
export { SatisfactionSurvey } from './satisfaction-survey/satisfaction-survey.js';
export type { HostBridge, PickedFile } from './shared/bridge.js';
export { CkElement } from './shared/ck-element.js';
export { configure, getConfig, type WidgetConfig } from './shared/config.js';
export type { Connection } from './shared/connection.js';
export type { CkEventMap } from './shared/events.js';
export { baseStyles } from './shared/theme.styles.js';
export { StaffInbox } from './staff-inbox/staff-inbox.js';
export { byUrgency, INBOX_ACTIONS, type InboxAction, type Urgency, urgencyOf } from './staff-inbox/urgency.js';
export { StatusBadge } from './status-badge/status-badge.js';
export { autoloadDashboard, DASHBOARD_TAGS, loadDashboard } from './dashboard/autoload.js';
export type { ComplaintDashboard } from './dashboard/complaint-dashboard.js';
export type { DashboardAlerts } from './dashboard/alerts.js';
export type { DashboardHeatMap } from './dashboard/heat-map.js';
export type { DashboardRates } from './dashboard/rates.js';
export type { DashboardShares, ShareDimension } from './dashboard/shares.js';
export type { DashboardTimeliness, TimelinessData } from './dashboard/timeliness.js';
export type { DashboardWords } from './dashboard/words.js';
export type { DashboardTrend } from './dashboard/trend.js';
export type { DashboardPart } from './dashboard/dashboard-part.js';

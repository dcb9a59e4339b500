import { ComplaintForm } from './complaint-form/complaint-form.js';
import { ComplaintList } from './complaint-list/complaint-list.js';
import { ComplaintStatus } from './complaint-status/complaint-status.js';
import { SatisfactionSurvey } from './satisfaction-survey/satisfaction-survey.js';
import { StaffInbox } from './staff-inbox/staff-inbox.js';
import { StatusBadge } from './status-badge/status-badge.js';
import { autoloadDashboard } from './dashboard/autoload.js';

/**
 * Every element class under its tag name (what `/auto` and `/define` register).
 *
 * @example
 * ```ts
 * for (const [tag, cls] of Object.entries(CK_ELEMENT_CLASSES)) customElements.get(tag) ?? customElements.define(tag, cls);
 * ```
 */
export const CK_ELEMENT_CLASSES = {
  'ck-complaint-form': ComplaintForm,
  'ck-complaint-status': ComplaintStatus,
  'ck-complaint-list': ComplaintList,
  'ck-satisfaction-survey': SatisfactionSurvey,
  'ck-staff-inbox': StaffInbox,
  'ck-status-badge': StatusBadge,
} as const;

/**
 * Registers every ComplaintKit element not registered yet.
 *
 * @example
 * ```ts
 * defineAll();
 * ```
 */
export function defineAll(): void {
  for (const [tag, cls] of Object.entries(CK_ELEMENT_CLASSES)) if (!customElements.get(tag)) customElements.define(tag, cls);
  // The dashboard is a chunk of its own: fetched only when the page has one of its tags.
  if (typeof document !== 'undefined') autoloadDashboard(document);
}

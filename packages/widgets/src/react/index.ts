/**
 * `@complaintkit/widgets/react`: React components for every `<ck-*>` element, made with
 * `@lit/react` (typed props, typed `on…` event props, refs to the element). Importing it
 * registers the elements. React 19 also renders custom elements natively; these wrappers add the
 * typed event props and work on React 18.
 *
 * @example
 * ```tsx
 * import { CkComplaintForm } from '@complaintkit/widgets/react';
 * <CkComplaintForm baseUrl="https://complaints.example-bank.cn" onSubmitted={(e) => navigate(`/complaints/${e.detail.complaintNumber}`)} />
 * ```
 *
 * @packageDocumentation
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { ComplaintForm } from '../complaint-form/complaint-form.js';
import { ComplaintList } from '../complaint-list/complaint-list.js';
import { ComplaintStatus } from '../complaint-status/complaint-status.js';
import { defineAll } from '../elements.js';
import { SatisfactionSurvey } from '../satisfaction-survey/satisfaction-survey.js';
import type { CkEventMap } from '../shared/events.js';
import { StaffInbox } from '../staff-inbox/staff-inbox.js';
import { StatusBadge } from '../status-badge/status-badge.js';

defineAll();

const ev = <K extends keyof CkEventMap>(name: K) => name as EventName<CustomEvent<CkEventMap[K]>>;
const common = { onReady: ev('ck-ready'), onError: ev('ck-error') };

/** `<ck-complaint-form>` for React. @example `<CkComplaintForm onSubmitted={(e) => console.log(e.detail.complaintNumber)} />` */
export const CkComplaintForm = createComponent({
  react: React,
  tagName: 'ck-complaint-form',
  elementClass: ComplaintForm,
  displayName: 'CkComplaintForm',
  events: { ...common, onChange: ev('ck-change'), onSubmit: ev('ck-submit'), onSubmitted: ev('ck-submitted') },
});

/** `<ck-complaint-status>` for React. @example `<CkComplaintStatus complaintId={id} onStatusChange={(e) => e.detail.status} />` */
export const CkComplaintStatus = createComponent({
  react: React,
  tagName: 'ck-complaint-status',
  elementClass: ComplaintStatus,
  displayName: 'CkComplaintStatus',
  events: { ...common, onStatusChange: ev('ck-status-change') },
});

/** `<ck-complaint-list>` for React. @example `<CkComplaintList onSelect={(e) => open(e.detail.complaintNumber)} />` */
export const CkComplaintList = createComponent({
  react: React,
  tagName: 'ck-complaint-list',
  elementClass: ComplaintList,
  displayName: 'CkComplaintList',
  events: { ...common, onSelect: ev('ck-select') },
});

/** `<ck-satisfaction-survey>` for React. @example `<CkSatisfactionSurvey complaintId={id} onSubmitted={thank} />` */
export const CkSatisfactionSurvey = createComponent({
  react: React,
  tagName: 'ck-satisfaction-survey',
  elementClass: SatisfactionSurvey,
  displayName: 'CkSatisfactionSurvey',
  events: { ...common, onSubmitted: ev('ck-submitted'), onStatusChange: ev('ck-status-change') },
});

/** `<ck-staff-inbox>` for React. @example `<CkStaffInbox scope="mine" onAction={(e) => toast(e.detail.action)} />` */
export const CkStaffInbox = createComponent({
  react: React,
  tagName: 'ck-staff-inbox',
  elementClass: StaffInbox,
  displayName: 'CkStaffInbox',
  events: { ...common, onSelect: ev('ck-select'), onAction: ev('ck-action') },
});

/** `<ck-status-badge>` for React. @example `<CkStatusBadge status="accepted" />` */
export const CkStatusBadge = createComponent({ react: React, tagName: 'ck-status-badge', elementClass: StatusBadge, displayName: 'CkStatusBadge' });

export { allowedActions, applyAction, type ApplyStepsOptions, applySteps, type LifecycleStep, type RegisterContext, registerComplaint, type StepContext } from './machine.js';
export {
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintStatus,
  FINAL_STATUSES,
  isOpen,
  OPEN_STATUSES,
  type TimelineEventType,
} from './states.js';
export { REGISTER_ROLES, TRANSITIONS, type TransitionRule } from './transitions.js';
export { STATUS_LABELS, statusLabel } from './labels.js';
export {
  actionRefusal,
  declineRefusal,
  extensionRefusal,
  mergeRefusal,
  namedPersonRefusal,
  RECUSAL_MESSAGE,
  recusalRefusal,
  type Refusal,
  reviewRequestRefusal,
  sameComplainant,
} from './rules.js';
export { withMergedFrom } from './merged-from.js';

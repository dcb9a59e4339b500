export { allowedActions, applyAction, type RegisterContext, registerComplaint, type StepContext } from './machine.js';
export {
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintStatus,
  FINAL_STATUSES,
  isOpen,
  type TimelineEventType,
} from './states.js';
export { REGISTER_ROLES, TRANSITIONS, type TransitionRule } from './transitions.js';
export { STATUS_LABELS, statusLabel } from './labels.js';

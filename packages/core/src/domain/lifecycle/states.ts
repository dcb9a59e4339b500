/**
 * Every state a complaint can be in at the service (docs/domain/lifecycle.md). A `draft` exists only on
 * the device, in the offline outbox, and never here.
 *
 * @example
 * ```ts
 * COMPLAINT_STATUSES.includes('on_hold'); // true
 * ```
 */
export const COMPLAINT_STATUSES = [
  'registered',
  'accepted',
  'declined',
  'in_progress',
  'on_hold',
  'escalated',
  'responded',
  'followed_up',
  'closed',
  'under_review',
  'merged',
  'withdrawn',
] as const;

/** A complaint state. @example `const s: ComplaintStatus = 'accepted';` */
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * States in which handling has ended for good: nothing but a read is possible.
 * `closed` is not among them, because a closed complaint can still be reviewed (核查) or reopened.
 *
 * @example
 * ```ts
 * FINAL_STATUSES.has('withdrawn'); // true
 * ```
 */
export const FINAL_STATUSES: ReadonlySet<ComplaintStatus> = new Set(['declined', 'merged', 'withdrawn']);

/**
 * The open states, still being handled (docs/domain/lifecycle.md): every state but `closed` and the
 * final ones. The one definition of "open": withdrawal is possible from exactly these, and a merge
 * target must be in one of them.
 *
 * @example
 * ```ts
 * OPEN_STATUSES.has('under_review'); // true
 * OPEN_STATUSES.has('closed');       // false
 * ```
 */
export const OPEN_STATUSES: ReadonlySet<ComplaintStatus> = new Set(
  COMPLAINT_STATUSES.filter((s) => s !== 'closed' && !FINAL_STATUSES.has(s)),
);

/**
 * States in which the complaint is still open: a withdrawal is possible and the decision clock may run.
 *
 * @example
 * ```ts
 * isOpen('in_progress'); // true
 * isOpen('closed');      // false
 * ```
 */
export const isOpen = (status: ComplaintStatus): boolean => OPEN_STATUSES.has(status);

/**
 * Every lifecycle action, in the order a complaint usually meets them. The service exposes each as
 * `POST /v1/complaints/{id}/{action}` (with `_` written as `-`).
 *
 * @example
 * ```ts
 * COMPLAINT_ACTIONS.length; // 16
 * ```
 */
export const COMPLAINT_ACTIONS = [
  'accept',
  'decline',
  'merge',
  'transfer',
  'start',
  'escalate',
  'hold',
  'resume',
  'extend',
  'respond',
  'follow_up',
  'close',
  'request_review',
  'reopen',
  'withdraw',
  'new_facts',
] as const;

/** A lifecycle action other than `register`. @example `const a: ComplaintAction = 'transfer';` */
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** Every event type on a timeline: `register` plus each action. @example `const t: TimelineEventType = 'register';` */
export type TimelineEventType = 'register' | ComplaintAction;

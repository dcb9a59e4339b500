import type { ComplaintCreate, IntakeChannelCode } from '@complaintkit/core/domain';
import type { Caller } from '../auth/caller.js';

/**
 * The intake channels a customer registers through themselves (自助渠道): the bank's app, online
 * banking, WeChat and the website. Every other channel (an outlet, the hotline, a letter, a regulator
 * referral, a petition …) is recorded by the bank's staff or systems (docs/domain/lifecycle.md, roles).
 *
 * @example
 * ```ts
 * SELF_SERVICE_CHANNELS.has('mobile_app'); // true
 * SELF_SERVICE_CHANNELS.has('regulator_transfer'); // false
 * ```
 */
export const SELF_SERVICE_CHANNELS: ReadonlySet<IntakeChannelCode> = new Set(['mobile_app', 'online_banking', 'wechat', 'website']);

/**
 * What a customer's own registration may not say, one entry per field, empty for staff, the system
 * and a customer's ordinary registration. Only the bank records how a complaint reached it through
 * another channel, a regulator's reference, when it was received (the 15-day clock starts then) and
 * how severe it is (包案): a customer who set them would file a "regulator referral" or a complaint
 * already overdue, and the regulator statistics, the alerts and the CRM's tags would count it.
 *
 * @example
 * ```ts
 * const errors = customerRegistrationProblems(caller, input);
 * if (errors.length > 0) throw badRequest(errors);
 * ```
 */
export function customerRegistrationProblems(
  caller: Caller,
  input: Pick<ComplaintCreate, 'intakeChannel' | 'regulatorReference' | 'receivedAt' | 'severity'>,
): { path: string; message: string }[] {
  if (caller.actor.kind !== 'customer') return [];
  const errors: { path: string; message: string }[] = [];
  if (!SELF_SERVICE_CHANNELS.has(input.intakeChannel)) {
    errors.push({
      path: 'intakeChannel',
      message: `a customer registers through ${[...SELF_SERVICE_CHANNELS].join(', ')}; ${input.intakeChannel} is recorded by the bank's staff or systems`,
    });
  }
  if (input.regulatorReference !== undefined) {
    errors.push({ path: 'regulatorReference', message: "a regulator's reference is recorded by the bank, not by the customer: leave it out" });
  }
  if (input.receivedAt !== undefined) {
    errors.push({ path: 'receivedAt', message: 'a customer’s complaint is received when it arrives: leave receivedAt out' });
  }
  if (input.severity !== 'normal') {
    errors.push({ path: 'severity', message: 'staff set the severity when they escalate (包案): leave it out or send normal' });
  }
  return errors;
}

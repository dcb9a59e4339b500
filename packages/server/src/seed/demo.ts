import type { ComplaintStatus, StaffRole } from '@complaintkit/core/domain';
import { CREDIT_CARD_CENTRE_ID } from './organisations.js';
import type { Rng, Weighted } from './prng.js';
import { RATES } from './shares.js';
import type { DemoComplaint, LifeScript } from './specs.js';
import type { StaffDirectory, StaffMember } from './staff.js';

/**
 * The people a demo signs in as: one staff member of each role, and a customer who owns several
 * complaints in different states.
 *
 * @example
 * ```ts
 * const { handler, customer } = generateDemoBank({}).demoActors;
 * ```
 */
export type DemoActors = Record<StaffRole, StaffMember> & { customer: { id: string } };

/** The demo customer's home sub-branch (海淀支行, Beijing). @example `DEMO_CUSTOMER_HOME; // 'SB-110108'` */
export const DEMO_CUSTOMER_HOME = 'SB-110108';
/** The demo staff's branch (北京分行). @example `DEMO_BRANCH; // 'BR-11'` */
export const DEMO_BRANCH = 'BR-11';

/**
 * Picks the demo's staff: a frontline clerk at an outlet of 海淀支行 (who registers walk-in
 * complaints), a handler and a manager at the Beijing branch (whose subtree has live work), a
 * head-office leader (包案, second extensions) and a head-office auditor (reads everything).
 *
 * @example
 * ```ts
 * pickDemoStaff(dir).manager.orgId; // 'BR-11'
 * ```
 */
export function pickDemoStaff(dir: StaffDirectory): Record<StaffRole, StaffMember> {
  const first = (orgId: string, role: StaffRole): StaffMember => {
    const s = dir.at(orgId, role)[0];
    if (!s) throw new Error(`the demo bank has no ${role} at ${orgId}: check the staff rosters`);
    return s;
  };
  return {
    frontline: first(`OT-110108-1`, 'frontline'),
    handler: first(DEMO_BRANCH, 'handler'),
    manager: first(DEMO_BRANCH, 'manager'),
    leadership: first('HO', 'leadership'),
    auditor: first('HO', 'auditor'),
  };
}

/**
 * The demo customer's showcase complaints and how many days before "now" each was received: one
 * closed long ago, one withdrawn, one under review (核查), one in progress, one answered and awaiting
 * the follow-up, and one registered an hour ago. They are in different business classes, so none
 * is a repeat of another. Those older than the generated window are left out.
 *
 * @example
 * ```ts
 * demoComplaints(staff).map((d) => d.script.stallAt);
 * ```
 */
export function demoComplaints(staff: Record<StaffRole, StaffMember>): { daysAgo: number; complaint: DemoComplaint }[] {
  const inBeijing = { handlingOrgId: DEMO_BRANCH, handlerId: staff.handler.id } as const;
  return [
    {
      daysAgo: 210.3,
      complaint: { business: 'B0302', cause: 'C11', channel: 'A02', intake: 'hotline', handlingOrgId: CREDIT_CARD_CENTRE_ID, script: { plain: true, outcome: 'upheld', satisfaction: 5 } },
    },
    {
      daysAgo: 95.2,
      complaint: { business: 'B08', cause: 'C06', channel: 'A0101', intake: 'outlet', registrar: staff.frontline, ...inBeijing, script: { plain: true, withdraw: true } },
    },
    {
      daysAgo: 30.1,
      complaint: {
        business: 'B0202',
        cause: 'C03',
        channel: 'A010303',
        intake: 'mobile_app',
        ...inBeijing,
        script: { plain: true, responseDays: [4, 6], outcome: 'not_upheld', satisfaction: 2, reviewAfterDays: [16, 19], stallAt: 'under_review' },
      },
    },
    {
      daysAgo: 9.1,
      complaint: { business: 'B01', cause: 'C03', channel: 'A0101', intake: 'outlet', registrar: staff.frontline, ...inBeijing, script: { plain: true, stallAt: 'in_progress' } },
    },
    {
      daysAgo: 6.2,
      complaint: { business: 'B04', cause: 'C11', channel: 'A010303', intake: 'wechat', ...inBeijing, script: { plain: true, responseDays: [2, 3], stallAt: 'responded' } },
    },
    {
      daysAgo: 0.05,
      complaint: { business: 'B0302', cause: 'C03', channel: 'A010303', intake: 'mobile_app', handlingOrgId: CREDIT_CARD_CENTRE_ID, script: { plain: true, stallAt: 'registered' } },
    },
  ];
}

/**
 * For a complaint received `ageDays` ago, maybe a script that stops its life at a state the demo
 * should show as live work (registered, accepted, in progress, escalated, on hold, answered), chosen
 * so that nothing stopped this way runs past its deadline: the overdue ones are chosen apart.
 *
 * @example
 * ```ts
 * liveWorkScript(rng, 2); // e.g. { stallAt: 'in_progress' }, or undefined
 * ```
 */
export function liveWorkScript(rng: Rng, ageDays: number): LifeScript | undefined {
  if (ageDays > 21 || !rng.chance(RATES.liveStall)) return undefined;
  const options: Weighted<ComplaintStatus> =
    ageDays <= 1.5
      ? [['registered', 3], ['accepted', 4], ['in_progress', 2]]
      : ageDays <= 6
        ? [['accepted', ageDays <= 4 ? 2 : 0], ['in_progress', 4], ['escalated', 1], ['on_hold', 1], ['responded', 2]]
        : ageDays <= 12
          ? [['in_progress', 3], ['escalated', 1], ['on_hold', 1], ['responded', 3]]
          : [['on_hold', 1], ['responded', 3], ['followed_up', 2]];
  const stallAt = rng.weighted(options);
  return { stallAt, ...(stallAt === 'on_hold' ? { hold: true } : {}), ...(stallAt === 'escalated' ? { escalate: true } : {}) };
}

/**
 * The script of a complaint left overdue: handling started and then stalled, with no extension.
 *
 * @example
 * ```ts
 * OVERDUE_SCRIPT.stallAt; // 'in_progress'
 * ```
 */
export const OVERDUE_SCRIPT: LifeScript = { plain: true, stallAt: 'in_progress' };

import {
  type Actor,
  type ComplaintAction,
  type ComplaintStatus,
  type StaffRole,
  TRANSITIONS,
  actorRole,
} from '@complaintkit/core/domain';
import { REMOTE_BANKING_CENTRE_ID } from './organisations.js';
import type { Rng } from './prng.js';
import { OUTCOME_SHARES, RATES, SATISFACTION_SHARES } from './shares.js';
import type { ComplaintSpec } from './specs.js';
import { type StaffDirectory, type StaffMember, staffActor } from './staff.js';
import { REASONS, decisionBasis, remedyFor } from './texts.js';
import { DAY, HOUR, MINUTE, officeHours } from './time.js';

/**
 * One step of a complaint's planned life: when, what, who, with which body, and the state it leads
 * to. The steps are turned into the real timeline by core's `registerComplaint` and `applyAction`
 * (never written by hand), after every step of every complaint has been given its global `seq`.
 *
 * @example
 * ```ts
 * const s: PlannedStep = { at: Date.now(), action: 'accept', actor, body: {}, status: 'accepted' };
 * ```
 */
export interface PlannedStep {
  readonly at: number;
  readonly action: 'register' | ComplaintAction;
  readonly actor: Actor;
  readonly body: unknown;
  readonly status: ComplaintStatus;
}

/**
 * A complaint's planned life up to "now", and until when it is open for a merge (its first decision
 * or end; `Infinity` while still undecided).
 *
 * @example
 * ```ts
 * const plan = planLife(spec, ctx);
 * plan.steps.at(-1)?.status; // 'closed'
 * ```
 */
export interface LifePlan {
  readonly steps: PlannedStep[];
  readonly openUntil: number;
}

/**
 * What the planner needs besides the spec.
 *
 * @example
 * ```ts
 * const ctx: LifeContext = { rng: createRng(42).fork('lives'), dir, now: Date.now() };
 * ```
 */
export interface LifeContext {
  readonly rng: Rng;
  readonly dir: StaffDirectory;
  /** Steps after this instant have not happened yet and are left out. */
  readonly now: number;
}

/** Satisfaction when the complaint was not upheld: lower, but still mostly content (assumption). */
const SATISFACTION_NOT_UPHELD = [
  [5, 66],
  [4, 27],
  [3, 4],
  [2, 2],
  [1, 1],
] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Plans a complaint's life with plausible timing (docs/domain/lifecycle.md and clocks.md): accepted within
 * hours (priority groups within the hour), handled in a few days and nearly always within the 15
 * days of the Measures (art. 17), some held for an external appraisal or extended to 30 or 60 days,
 * followed up (回访) a day or two after the decision and closed after that; a few declined, merged,
 * withdrawn, transferred, escalated (包案), reviewed (核查) or reopened. Steps after `ctx.now` are left
 * out, so recent complaints stay open; a {@link ComplaintSpec.script} can stop a life at a state.
 *
 * @example
 * ```ts
 * const plan = planLife(spec, { rng, dir, now });
 * plan.steps.map((s) => s.action); // ['register', 'accept', 'transfer', 'start', 'respond', 'follow_up', 'close']
 * ```
 */
export function planLife(spec: ComplaintSpec, ctx: LifeContext): LifePlan {
  const planner = new Planner(spec, ctx);
  planner.run();
  return planner.finish();
}

/** @internal the state of one plan while it is drawn. */
class Planner {
  private readonly steps: PlannedStep[] = [];
  private status: ComplaintStatus | null = null;
  private beforeHold: ComplaintStatus = 'in_progress';
  private cursor: number;
  private orgId: string;
  private handler: StaffMember;
  private readonly rng: Rng;
  private readonly dir: StaffDirectory;
  private readonly fast: boolean;

  constructor(
    private readonly spec: ComplaintSpec,
    private readonly ctx: LifeContext,
  ) {
    this.rng = ctx.rng;
    this.dir = ctx.dir;
    this.cursor = spec.receivedAt - MINUTE;
    this.orgId = spec.handlingOrgId;
    this.handler = spec.handlerId ? this.dir.member(spec.handlerId) : this.one(spec.handlingOrgId, 'handler');
    // Priority groups get the fast track: first contact within 2 hours, decision within 5 days.
    this.fast = (spec.complainant.priorityGroups?.length ?? 0) > 0;
  }

  /** Someone in this role at the organisation or its nearest ancestor that has one. */
  private one(orgId: string, role: StaffRole): StaffMember {
    return this.rng.pick(this.dir.nearest(orgId, role));
  }

  private hours(lo: number, hi: number): number {
    return this.rng.float(lo, hi) * HOUR;
  }

  private office(at: number): number {
    return officeHours(at, this.rng);
  }

  /** Appends a step at `at` (or just after the previous one); the body may depend on the final time. */
  private step(at: number, action: PlannedStep['action'], actor: Actor | StaffMember, body: unknown | ((at: number) => unknown)): number {
    const who: Actor = 'kind' in actor ? actor : staffActor(actor);
    const when = Math.max(Math.round(at / 1000) * 1000, this.cursor + MINUTE);
    let next: ComplaintStatus;
    if (action === 'register') next = 'registered';
    else {
      const rule = TRANSITIONS[action];
      const from = this.status as ComplaintStatus;
      // The plan mirrors the lifecycle table; a mismatch is a bug of the seed, caught here with its context.
      if (!rule.from.includes(from) || !rule.roles.includes(actorRole(who)))
        throw new Error(`seed plan for ${this.spec.id}: ${actorRole(who)} cannot ${action} from ${from}`);
      if (action === 'hold') this.beforeHold = from;
      next = rule.to === 'same' ? from : rule.to === 'previous' ? this.beforeHold : rule.to;
    }
    this.steps.push({ at: when, action, actor: who, body: typeof body === 'function' ? (body as (t: number) => unknown)(when) : body, status: next });
    this.status = next;
    this.cursor = when;
    return when;
  }

  /** Someone who withdraws on the complainant's behalf or the complainant themself. */
  private withdrawer(): Actor | StaffMember {
    const c = this.spec.customer;
    return c && this.rng.chance(0.5) ? { kind: 'customer', id: c.id } : this.one(this.orgId, 'frontline');
  }

  run(): void {
    const { spec, rng } = this;
    const script = spec.script ?? {};
    const plain = script.plain === true;
    const reg = spec.registrar;

    // Register: the bank's receipt starts the clock; staff key it in a few minutes later.
    let delay = 0;
    if (reg.kind === 'system') delay = rng.int(0, 5) * MINUTE;
    else if (reg.kind === 'staff') {
      if (spec.intake === 'hotline') delay = rng.int(2, 10) * MINUTE;
      else if (spec.intake === 'outlet' || spec.intake === 'staff_mobile') delay = rng.int(5, 30) * MINUTE;
      else delay = this.office(spec.receivedAt + this.hours(0.5, 3)) - spec.receivedAt;
    }
    this.step(Math.min(spec.receivedAt + delay, Math.max(spec.receivedAt, this.ctx.now)), 'register', reg, null);

    // Accept: the complainant is verified and the complaint is in scope.
    if (reg.kind !== 'staff') {
      if (!plain && rng.chance(RATES.decline)) {
        this.step(this.office(this.cursor + this.hours(1, 20)), 'decline', this.one(this.orgId, 'manager'), { reason: rng.pick(REASONS.decline) });
        return;
      }
      // Self-service and regulator transfers land in the handling organisation's queue: a manager dispatches.
      this.step(this.office(this.cursor + (this.fast ? this.hours(0.1, 0.5) : this.hours(0.2, 3))), 'transfer', this.one(this.orgId, 'manager'), {
        toAssigneeId: this.handler.id,
        reason: rng.pick(REASONS.dispatch),
      });
      this.step(this.office(this.cursor + (this.fast ? this.hours(0.1, 0.5) : this.hours(0.3, 4))), 'accept', this.handler, {});
    } else {
      const quick = spec.intake === 'hotline' ? rng.int(1, 5) * MINUTE : spec.intake === 'outlet' || spec.intake === 'staff_mobile' ? rng.int(2, 20) * MINUTE : 0;
      const at = quick > 0 ? this.cursor + quick : this.office(this.cursor + this.hours(0.5, 3));
      this.step(at, 'accept', reg, { note: '身份已核实' });
      if (spec.registerOrgId !== spec.handlingOrgId) {
        // The hotline centre hands it to the organisation where the matter arose (属地管理); 首问负责 stays with the agent.
        this.step(this.cursor + this.hours(0.3, 3), 'transfer', this.one(spec.registerOrgId, 'handler'), {
          toOrgId: spec.handlingOrgId,
          toAssigneeId: this.handler.id,
          reason: rng.pick(REASONS.routeFromHotline),
        });
      }
    }

    if (spec.mergeInto) {
      this.step(this.office(this.cursor + this.hours(2, 24)), 'merge', this.handler, { intoComplaintId: spec.mergeInto, reason: rng.pick(REASONS.merge) });
      return;
    }
    const withdraw = script.withdraw ? 'late' : !plain && rng.chance(RATES.withdraw) ? (rng.chance(0.4) ? 'early' : 'late') : null;
    if (withdraw === 'early') {
      this.step(this.cursor + this.hours(4, 72), 'withdraw', this.withdrawer(), (at: number) => ({ reason: rng.pick(REASONS.withdraw), receivedAt: iso(at) }));
      return;
    }

    const startAt = this.step(this.office(this.cursor + (this.fast ? this.hours(0.2, 1) : this.hours(0.5, 20))), 'start', this.handler, {
      assigneeId: this.handler.id,
    });

    if (!plain && rng.chance(RATES.transfer)) this.transferOnward();

    let leader: StaffMember | null = null;
    if (spec.severity !== 'normal') {
      leader = spec.severity === 'major' ? this.one('HO', 'leadership') : this.one(this.orgId, 'leadership');
      this.step(this.office(this.cursor + this.hours(2, 36)), 'escalate', this.one(this.orgId, 'manager'), {
        severity: spec.severity,
        leaderId: leader.id,
        reason: rng.pick(REASONS.escalate[spec.severity]),
      });
    }

    // How long the decision takes, from receipt (docs/domain/clocks.md: 15 days, 30 or 60 when extended).
    const escalated = leader !== null;
    const scripted = script.responseDays;
    const extend = scripted ? scripted[1] > 15 : !plain && rng.chance(escalated ? 0.35 : RATES.extend);
    const second = extend && !plain && rng.chance(RATES.secondExtend);
    const late = !extend && !plain && !this.fast && rng.chance(RATES.late);
    const days = scripted
      ? rng.float(scripted[0], scripted[1])
      : this.fast
        ? clamp(rng.logNormal(2.2, 0.5), 0.2, 4.5)
        : late
          ? rng.float(15.6, 19.5)
          : second
            ? rng.float(32, 56)
            : extend
              ? rng.float(16, 29)
              : escalated
                ? clamp(rng.logNormal(8, 0.35), 2, 13.5)
                : clamp(rng.logNormal(3.6, 0.7), 0.25, 13.5);
    let decideAt = spec.receivedAt + days * DAY;

    if (withdraw === 'late') {
      const at = this.cursor + (Math.max(decideAt, this.cursor + DAY) - this.cursor) * rng.float(0.3, 0.8);
      this.step(at, 'withdraw', this.withdrawer(), (t: number) => ({ reason: rng.pick(REASONS.withdraw), receivedAt: iso(t) }));
      return;
    }

    // Holds (external appraisal: the clock pauses) and extensions, in time order.
    const middle: { at: number; run: () => void }[] = [];
    if (script.hold || (!plain && !late && rng.chance(RATES.hold))) {
      const holdAt = Math.max(startAt + this.hours(4, 24), spec.receivedAt + (decideAt - spec.receivedAt) * rng.float(0.2, 0.6));
      const holdDays = rng.int(3, 20);
      decideAt += holdDays * DAY;
      middle.push({ at: holdAt, run: () => this.step(this.office(holdAt), 'hold', this.handler, { reason: rng.pick(REASONS.hold), complainantNotified: true }) });
      middle.push({ at: holdAt + holdDays * DAY, run: () => this.step(this.office(holdAt + holdDays * DAY), 'resume', this.handler, {}) });
    }
    if (extend) {
      const firstAt = spec.receivedAt + rng.float(10.5, 13.5) * DAY;
      middle.push({
        at: firstAt,
        run: () =>
          this.step(this.office(firstAt), 'extend', this.one(this.orgId, 'manager'), (t: number) => ({
            reason: rng.pick(REASONS.firstExtension),
            complainantNotifiedAt: iso(t),
          })),
      });
      if (second) {
        const secondAt = spec.receivedAt + rng.float(25, 28.5) * DAY;
        middle.push({
          at: secondAt,
          run: () =>
            this.step(this.office(secondAt), 'extend', this.one(this.orgId, 'leadership'), (t: number) => ({
              reason: rng.pick(REASONS.secondExtension),
              complainantNotifiedAt: iso(t),
              approvedBy: this.one('HO', 'leadership').id,
            })),
        });
      }
    }
    for (const m of middle.sort((a, b) => a.at - b.at)) m.run();

    // The decision.
    const outcome = script.outcome ?? rng.weighted(OUTCOME_SHARES);
    const responder = leader && rng.chance(0.5) ? leader : this.handler;
    const respondedAt = this.respond(decideAt, responder, outcome, null);

    const { reached, dissatisfied } = this.followUpAndClose(outcome, script.satisfaction);

    // Review (核查) by the higher-level organisation, asked for within 30 days of the decision.
    if (script.reviewAfterDays || (!plain && rng.chance(dissatisfied ? RATES.reviewIfDissatisfied : RATES.reviewOtherwise))) {
      const [lo, hi] = script.reviewAfterDays ?? [3, 25];
      const c = spec.customer;
      const asker: Actor | StaffMember = c && rng.chance(0.6) ? { kind: 'customer', id: c.id } : this.one(REMOTE_BANKING_CENTRE_ID, 'frontline');
      this.step(Math.max(respondedAt + rng.float(lo, hi) * DAY, this.cursor + HOUR), 'request_review', asker, { reason: rng.pick(REASONS.review) });
      const reviewer = this.dir.org(this.orgId).parentId ?? 'HO';
      const reviewHandler = this.one(reviewer, 'handler');
      this.step(this.office(this.cursor + this.hours(4, 40)), 'transfer', this.one(reviewer, 'manager'), {
        toOrgId: reviewer,
        toAssigneeId: reviewHandler.id,
        reason: rng.pick(REASONS.reviewTransfer),
      });
      this.orgId = reviewer;
      this.handler = reviewHandler;
      const kept = outcome === 'not_upheld' && rng.chance(0.25) ? 'partly_upheld' : outcome;
      this.respond(this.cursor + rng.float(4, 20) * DAY, reviewHandler, kept, '核查意见：维持或调整原处理结果。');
      this.followUpAndClose(kept, undefined);
    } else if (!plain && reached !== null && rng.chance(RATES.reopen)) {
      // New facts after closing: the clock restarts from their receipt.
      const closedAt = this.cursor;
      const at = this.office(closedAt + rng.float(5, 40) * DAY);
      const facts = Math.max(closedAt + MINUTE, at - this.hours(2, 48));
      this.step(at, 'reopen', this.one(this.orgId, 'manager'), { reason: rng.pick(REASONS.reopen), newFactsReceivedAt: iso(facts) });
      this.respond(this.cursor + rng.float(2, 10) * DAY, this.handler, rng.weighted(OUTCOME_SHARES), null);
      this.followUpAndClose('partly_upheld', undefined);
    }
  }

  /** Moves the complaint on after handling started: a sub-branch's up to its branch, a branch's down to a sub-branch. */
  private transferOnward(): void {
    const org = this.dir.org(this.orgId);
    const subs = this.dir.childrenOf(org.id).filter((id) => this.dir.org(id).kind === 'sub_branch');
    const target = org.kind === 'sub_branch' ? org.parentId : org.kind === 'branch' && subs.length > 0 ? this.rng.pick(subs) : null;
    if (!target) return;
    const handler = this.one(target, 'handler');
    this.step(this.office(this.cursor + this.hours(2, 30)), 'transfer', this.one(org.id, 'manager'), {
      toOrgId: target,
      toAssigneeId: handler.id,
      reason: this.rng.pick(REASONS.transfer),
    });
    this.orgId = target;
    this.handler = handler;
  }

  /** The decision, with remedy, basis and the remedies open to the complainant (Measures: review, mediation …). */
  private respond(target: number, responder: StaffMember, outcome: 'upheld' | 'partly_upheld' | 'not_upheld', basisNote: string | null): number {
    const { rng, spec } = this;
    const at = this.office(Math.max(target, this.cursor + this.hours(1, 4)));
    const remedy = outcome === 'not_upheld' ? null : remedyFor(rng, spec.cause);
    const amount = remedy?.refunds ? Math.round(clamp(rng.logNormal(180, 0.9), 10, 20_000)) : undefined;
    return this.step(at, 'respond', responder, (t: number) => ({
      outcome,
      ...(remedy ? { remedy: remedy.remedy } : {}),
      ...(amount === undefined ? {} : { amount }),
      basis: basisNote ?? decisionBasis(rng, spec.business),
      remediesOffered: rng.chance(0.8) ? ['review', 'mediation', 'arbitration', 'litigation'] : ['review', 'mediation', 'litigation'],
      notifiedVia: rng.weighted([['phone', 70], ['sms', 10], ['app', 10], ['letter', 5], ['in_person', 5]] as const),
      notifiedAt: iso(t),
    }));
  }

  /** Follow-up call or survey (回访) a day or two after the decision, then closing. */
  private followUpAndClose(
    outcome: 'upheld' | 'partly_upheld' | 'not_upheld',
    forcedScore: number | undefined,
  ): { reached: boolean | null; dissatisfied: boolean } {
    const { rng, spec } = this;
    let reached: boolean | null = null;
    let dissatisfied = false;
    if (forcedScore !== undefined || rng.chance(RATES.followUp)) {
      const r = rng.next();
      const who: Actor | StaffMember =
        spec.customer && r < 0.15 ? { kind: 'customer', id: spec.customer.id } : r < 0.35 ? this.handler : this.one(REMOTE_BANKING_CENTRE_ID, 'frontline');
      const byCustomer = 'kind' in who && who.kind === 'customer';
      const at = byCustomer ? this.cursor + this.hours(2, 48) : this.office(this.cursor + this.hours(18, 50));
      reached = byCustomer || forcedScore !== undefined || rng.chance(RATES.reached);
      if (reached) {
        const score = forcedScore ?? rng.weighted(outcome === 'not_upheld' ? SATISFACTION_NOT_UPHELD : SATISFACTION_SHARES);
        const accepted = score >= 4 ? true : score === 3 ? rng.chance(0.5) : false;
        dissatisfied = score <= 2 || !accepted;
        const comment = rng.chance(0.3) ? rng.pick(REASONS.followUpComments) : undefined;
        this.step(at, 'follow_up', who, { reached: true, satisfaction: score, decisionAccepted: accepted, ...(comment ? { comment } : {}) });
      } else {
        this.step(at, 'follow_up', who, { reached: false, comment: '多次联系未接通' });
      }
    }
    const closer = rng.chance(0.8) ? this.handler : this.one(this.orgId, 'manager');
    this.step(this.office(this.cursor + (reached === null ? this.hours(60, 120) : this.hours(2, 40))), 'close', closer, {});
    return { reached, dissatisfied };
  }

  /** Leaves out what has not happened by "now" and what a script stops, and says until when it was open. */
  finish(): LifePlan {
    let end = this.steps.findIndex((s) => s.at > this.ctx.now);
    if (end < 0) end = this.steps.length;
    const stallAt = this.spec.script?.stallAt;
    if (stallAt) {
      // Stop before the complaint leaves the state: steps that keep it there (a dispatch, a transfer,
      // an extension) still happen, so stalled work has its assignee.
      let i = this.steps.findIndex((s) => s.status === stallAt);
      if (i >= 0) {
        while (this.steps[i + 1]?.status === stallAt) i++;
        end = Math.min(end, i + 1);
      }
    }
    const steps = this.steps.slice(0, Math.max(1, end));
    const stop = steps.find((s) => s.action === 'respond' || s.action === 'withdraw' || s.action === 'decline' || s.action === 'merge');
    return { steps, openUntil: stop ? stop.at : Number.POSITIVE_INFINITY };
  }
}

/**
 * The demo-data generator of the ComplaintKit reference service: a plausible Chinese bank with its
 * organisation tree, staff of every role and two years of complaints whose lives were played through
 * core's lifecycle, drawn from the shares in the regulator's bulletins and a bank's disclosure.
 * Deterministic: the same seed and "now" give byte-identical output.
 *
 * @packageDocumentation
 */
import type { Complaint, Organisation } from '@complaintkit/core/domain';
import { CustomerPool } from './customers.js';
import { DEMO_CUSTOMER_HOME, type DemoActors, OVERDUE_SCRIPT, demoComplaints, liveWorkScript, pickDemoStaff } from './demo.js';
import { type LifePlan, planLife } from './lives.js';
import { buildOrganisations } from './organisations.js';
import { createRng } from './prng.js';
import { BRANCH_SHARES, RATES } from './shares.js';
import { type ComplaintSpec, type DemoComplaint, type LifeScript, SpecBuilder } from './specs.js';
import { StaffDirectory, type StaffMember, buildStaff } from './staff.js';
import { DAY } from './time.js';
import { realise } from './realise.js';
import { receiptTimes, windowStart } from './volume.js';

export type { DemoActors } from './demo.js';
export type { StaffMember } from './staff.js';

/**
 * The generated demo bank.
 *
 * @example
 * ```ts
 * const bank: DemoBank = generateDemoBank({ seed: 42 });
 * bank.complaints.length; // a few thousand
 * ```
 */
export type DemoBank = {
  organisations: Organisation[];
  staff: StaffMember[];
  complaints: Complaint[];
  demoActors: DemoActors;
};

/**
 * Options of {@link generateDemoBank}.
 *
 * @example
 * ```ts
 * const options: DemoBankOptions = { seed: 7, now: Date.parse('2026-06-30T16:00:00Z'), months: 12 };
 * ```
 */
export type DemoBankOptions = {
  /** Seed of the pseudo-random generator; default 42. */
  seed?: number;
  /** The instant the data ends at, in epoch milliseconds; default `Date.now()`. */
  now?: number;
  /** How many months of complaints, ending at `now`; default 24. */
  months?: number;
};

/**
 * Generates the demo bank: about 80 organisations (head office in Beijing, seven province branches,
 * second-tier branches, sub-branches and outlets with real GB/T 2260 codes, and the credit-card and
 * remote-banking centres with no region), about 230 staff of every role, and some 4,700 complaints
 * over the default 24 months (about 175 a month at the start, growing 12% a year, with seasons).
 * Every complaint was registered and moved through its life with core's `registerComplaint` and
 * `applyAction`; timelines share one global `seq` that increases with event time. Complaints of the
 * last weeks are still open in various states; a handful are overdue; the demo customer owns several
 * complaints in different states (those older than a short window are left out). The organisations
 * and the demo actors depend on nothing but the seed, so tokens made for them stay valid whatever
 * `now` and `months` are.
 *
 * @example
 * ```ts
 * const bank = generateDemoBank({ seed: 42, now: Date.parse('2026-11-29T02:00:00Z') });
 * const mine = bank.complaints.filter((c) => c.complainant.customerId === bank.demoActors.customer.id);
 * mine.map((c) => c.status); // ['closed', 'withdrawn', 'under_review', 'in_progress', 'responded', 'registered']
 * ```
 */
export function generateDemoBank(options: DemoBankOptions = {}): DemoBank {
  const seed = options.seed ?? 42;
  const now = options.now ?? Date.now();
  const months = options.months ?? 24;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch milliseconds, got ${now}`);
  if (!(months > 0 && months <= 240)) throw new RangeError(`months must be between 0 (exclusive) and 240, got ${months}`);

  const rng = createRng(seed);
  const organisations = buildOrganisations();
  const staff = buildStaff(organisations, rng.fork('staff'));
  const dir = new StaffDirectory(organisations, staff);
  const demoStaff = pickDemoStaff(dir);

  // Where customers bank: each province's share spread over its sub-branches by customer count.
  const provinceOf = (o: Organisation): string => {
    let cur: Organisation = o;
    while (cur.parentId && cur.parentId !== 'HO') cur = dir.org(cur.parentId);
    return cur.id;
  };
  const subBranches = organisations.filter((o) => o.kind === 'sub_branch');
  const homes = subBranches.map((o) => {
    const province = provinceOf(o);
    const share = BRANCH_SHARES.find(([id]) => id === province)?.[1] ?? 0;
    const total = subBranches.filter((s) => provinceOf(s) === province).reduce((n, s) => n + (s.customerCount ?? 0), 0);
    return [o, (share * (o.customerCount ?? 0)) / total] as const;
  });
  const customers = new CustomerPool(rng.fork('customers'), homes, now);
  const demoCustomer = customers.get(1, dir.org(DEMO_CUSTOMER_HOME));

  // Receipts: the drawn ones and the demo customer's showcase complaints, in receipt order.
  const start = windowStart(now, months);
  type Arrival = { at: number; demo?: DemoComplaint };
  const arrivals: Arrival[] = receiptTimes(rng.fork('volume'), now, months).map((at) => ({ at }));
  for (const d of demoComplaints(demoStaff)) {
    const at = Math.round((now - d.daysAgo * DAY) / 1000) * 1000;
    if (at >= start) arrivals.push({ at, demo: d.complaint });
  }
  arrivals.sort((a, b) => a.at - b.at || Number(a.demo !== undefined) - Number(b.demo !== undefined));

  // A handful left overdue: received 19–45 days ago, handling started, then nothing.
  const overdue = new Set<number>();
  const pickRng = rng.fork('overdue');
  const eligible = arrivals.flatMap((a, i) => (!a.demo && now - a.at >= 19 * DAY && now - a.at <= 45 * DAY ? [i] : []));
  while (overdue.size < Math.min(RATES.overdueCount, eligible.length)) overdue.add(pickRng.pick(eligible));

  const specsRng = rng.fork('specs');
  const liveRng = rng.fork('live');
  const lifeCtx = { rng: rng.fork('lives'), dir, now };
  const builder = new SpecBuilder(specsRng, dir, customers, homes, demoStaff.handler);
  const specs: ComplaintSpec[] = [];
  const plans: LifePlan[] = [];
  arrivals.forEach((a, i) => {
    let script: LifeScript | undefined;
    if (overdue.has(i)) script = OVERDUE_SCRIPT;
    else if (!a.demo) script = liveWorkScript(liveRng, (now - a.at) / DAY);
    const spec = builder.next(a.at, a.demo ? { customer: demoCustomer, complaint: a.demo } : undefined, script);
    const plan = planLife(spec, lifeCtx);
    builder.settle(spec.id, plan.openUntil);
    specs.push(spec);
    plans.push(plan);
  });

  return {
    organisations,
    staff,
    complaints: realise(specs, plans),
    demoActors: { ...demoStaff, customer: { id: demoCustomer.id } },
  };
}

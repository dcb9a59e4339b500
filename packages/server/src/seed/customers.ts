import type { Organisation, PriorityMembership } from '@complaintkit/core/domain';
import { customerId, fakeCardNumber, fakeIdNumber, fakeMobile, fakeName } from './people.js';
import type { Rng } from './prng.js';
import { RATES } from './shares.js';
import { DAY, localParts } from './time.js';

/**
 * A retail customer of the demo bank, with the personal data a complaint may carry.
 *
 * @example
 * ```ts
 * const c: Customer = pool.get(1);
 * c.id; // 'C-000001'
 * ```
 */
export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  readonly birthDate: string;
  readonly idNumber: string;
  /** The sub-branch the customer banks with (where their regional matters arise). */
  readonly homeOrgId: string;
  readonly priorityGroups: readonly PriorityMembership[];
  readonly creditCard: string;
  readonly debitCard: string;
}

const PRIORITY_GROUPS: readonly (readonly [PriorityMembership['group'], number])[] = [
  ['elderly', 55],
  ['disabled', 10],
  ['military_family', 10],
  ['frontline_medical', 10],
  ['police', 8],
  ['emergency_worker', 7],
];

/**
 * The demo bank's complaining customers, made on demand: customer `n` is always the same person for a
 * given seed and now, whatever order they are asked for in. Number 1 is the demo customer.
 *
 * @example
 * ```ts
 * const pool = new CustomerPool(rng.fork('customers'), homes, now);
 * const someone = pool.fresh();
 * pool.get(1).id; // 'C-000001'
 * ```
 */
export class CustomerPool {
  private readonly made = new Map<number, Customer>();
  private count = 0;

  /**
   * @param rng the pool's own random stream (each customer forks from it by number)
   * @param homes where customers bank: sub-branches with a weight each
   * @param now ages are counted at this instant
   */
  constructor(
    private readonly rng: Rng,
    private readonly homes: readonly (readonly [Organisation, number])[],
    private readonly now: number,
  ) {}

  /** Customer number `n` (1-based), made the first time it is asked for. */
  get(n: number, home?: Organisation): Customer {
    let c = this.made.get(n);
    if (!c) {
      c = this.make(n, home);
      this.made.set(n, c);
      this.count = Math.max(this.count, n);
    }
    return c;
  }

  /** A customer who has not complained before. */
  fresh(): Customer {
    return this.get(this.count + 1);
  }

  /** One of the customers made so far, other than the demo customer (number 1); `null` if none. */
  returning(rng: Rng): Customer | null {
    if (this.count < 2) return null;
    return this.get(rng.int(2, this.count));
  }

  private make(n: number, home?: Organisation): Customer {
    const r = this.rng.fork(`customer:${n}`);
    const org = home ?? r.weighted(this.homes);
    const priorityGroups: PriorityMembership[] = [];
    if (r.chance(RATES.priority)) {
      const group = r.weighted(PRIORITY_GROUPS);
      priorityGroups.push({ group, basis: r.chance(0.6) ? 'verified' : 'self_reported' });
      if (group === 'elderly' && r.chance(0.15)) priorityGroups.push({ group: 'disabled', basis: 'verified' });
    }
    // Elderly means 60 and over (docs/domain/taxonomy.md (priority groups)); otherwise an adult of working age or retired.
    const elderly = priorityGroups.some((g) => g.group === 'elderly');
    const age = elderly ? r.int(60, 86) : r.int(20, 72);
    const { year } = localParts(this.now);
    const birth = new Date(Date.UTC(year - age - 1, 0, 1) + r.int(0, 364) * DAY);
    const birthDate = birth.toISOString().slice(0, 10);
    return {
      id: customerId(n),
      name: fakeName(r),
      phone: fakeMobile(r),
      birthDate,
      idNumber: fakeIdNumber(r, org.regionCode ?? '110108', birthDate),
      homeOrgId: org.id,
      priorityGroups,
      creditCard: fakeCardNumber(r, 'credit'),
      debitCard: fakeCardNumber(r, 'debit'),
    };
  }
}

import type { Actor, Organisation, StaffRole } from '@complaintkit/core/domain';
import { fakeName, staffId } from './people.js';
import type { Rng } from './prng.js';

import type { StaffMember } from '../store/store.js';

export type { StaffMember } from '../store/store.js';


/**
 * The actor a staff member acts as, for lifecycle steps.
 *
 * @example
 * ```ts
 * staffActor({ id: 'u-0001', orgId: 'HO', role: 'leadership', name: '王建国' }); // { kind: 'staff', id: 'u-0001', role: 'leadership', orgId: 'HO' }
 * ```
 */
export const staffActor = (s: StaffMember): Actor => ({ kind: 'staff', id: s.id, role: s.role, orgId: s.orgId });

/** @internal how many of each role an organisation has, by its kind and level. */
type Roster = Partial<Record<StaffRole, number>>;

const ROSTERS: Record<string, Roster> = {
  // 总行: the senior manager in charge of consumer protection and the head-office leader who approves
  // second extensions; the consumer-protection department; internal audit.
  head_office: { leadership: 2, manager: 1, handler: 2, auditor: 2 },
  // 信用卡中心 handles about half of all complaints (credit cards).
  CC: { leadership: 1, manager: 2, handler: 6, frontline: 4, auditor: 1 },
  // 远程银行中心: hotline agents register most complaints and make the follow-up calls (回访).
  RB: { manager: 1, handler: 3, frontline: 8 },
  province: { leadership: 1, manager: 1, handler: 2, frontline: 1, auditor: 1 },
  second_tier: { leadership: 1, manager: 1, handler: 1, frontline: 1 },
  sub_branch: { manager: 1, handler: 1, frontline: 1 },
  outlet: { frontline: 1 },
};

const ROLE_ORDER: readonly StaffRole[] = ['leadership', 'manager', 'handler', 'frontline', 'auditor'];

const rosterOf = (org: Organisation, orgs: ReadonlyMap<string, Organisation>): Roster => {
  if (org.kind === 'centre') return ROSTERS[org.id] ?? { manager: 1, handler: 1, frontline: 1 };
  if (org.kind === 'branch') return orgs.get(org.parentId ?? '')?.kind === 'head_office' ? ROSTERS.province! : ROSTERS.second_tier!;
  return ROSTERS[org.kind] ?? {};
};

/**
 * Builds the staff of every organisation, in tree order, with ids `u-0001`, `u-0002`, … and fake
 * Chinese names. Every organisation that handles complaints has a handler and a manager; every
 * province branch and the head office have leadership and an auditor; outlets have frontline staff.
 *
 * @example
 * ```ts
 * const staff = buildStaff(buildOrganisations(), createRng(42).fork('staff'));
 * staff.filter((s) => s.role === 'auditor').length; // 10
 * ```
 */
export function buildStaff(orgs: readonly Organisation[], rng: Rng): StaffMember[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const staff: StaffMember[] = [];
  for (const org of orgs) {
    const roster = rosterOf(org, byId);
    for (const role of ROLE_ORDER) {
      for (let i = 0; i < (roster[role] ?? 0); i++) {
        staff.push({ id: staffId(staff.length + 1), orgId: org.id, role, name: fakeName(rng) });
      }
    }
  }
  return staff;
}

/**
 * Finds staff by organisation and role, and walks up the tree to the nearest organisation that has
 * someone in a role (a sub-branch's leadership is its branch's).
 *
 * @example
 * ```ts
 * const dir = new StaffDirectory(orgs, staff);
 * dir.nearest('SB-110108', 'leadership')[0]?.orgId; // 'BR-11'
 * ```
 */
export class StaffDirectory {
  private readonly byKey = new Map<string, StaffMember[]>();
  private readonly byId = new Map<string, StaffMember>();
  private readonly orgs: ReadonlyMap<string, Organisation>;
  private readonly children = new Map<string, string[]>();

  constructor(orgs: readonly Organisation[], staff: readonly StaffMember[]) {
    this.orgs = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) {
      if (o.parentId === null) continue;
      const list = this.children.get(o.parentId);
      if (list) list.push(o.id);
      else this.children.set(o.parentId, [o.id]);
    }
    for (const s of staff) {
      this.byId.set(s.id, s);
      const key = `${s.orgId}/${s.role}`;
      const list = this.byKey.get(key);
      if (list) list.push(s);
      else this.byKey.set(key, [s]);
    }
  }

  /** Staff of exactly this organisation in this role (possibly none). */
  at(orgId: string, role: StaffRole): readonly StaffMember[] {
    return this.byKey.get(`${orgId}/${role}`) ?? [];
  }

  /** Staff in this role at the organisation or, if none, at its nearest ancestor that has some. */
  nearest(orgId: string, role: StaffRole): readonly StaffMember[] {
    for (let id: string | null = orgId; id !== null; id = this.orgs.get(id)?.parentId ?? null) {
      const found = this.at(id, role);
      if (found.length > 0) return found;
    }
    return [];
  }

  /** The staff member with this id. Throws for an unknown id: the seed's tables are wrong. */
  member(id: string): StaffMember {
    const s = this.byId.get(id);
    if (!s) throw new Error(`unknown staff member ${id}: check the seed's demo actors`);
    return s;
  }

  /** Ids of the organisations directly below this one. */
  childrenOf(orgId: string): readonly string[] {
    return this.children.get(orgId) ?? [];
  }

  /** The organisation with this id. Throws for an unknown id: the seed's routing tables are wrong. */
  org(orgId: string): Organisation {
    const o = this.orgs.get(orgId);
    if (!o) throw new Error(`unknown organisation ${orgId}: check the seed's routing tables`);
    return o;
  }
}

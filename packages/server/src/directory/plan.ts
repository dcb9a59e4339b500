import type { Organisation } from '@complaintkit/core/domain';
import type { StaffMember } from '../store/store.js';
import type { BankDirectoryFile } from './schema.js';

/**
 * One problem of a directory file: where (`organisations[3].parentId`) and what to do about it. Never
 * names a staff member (personal data); ids only.
 *
 * @example
 * ```ts
 * const e: DirectoryError = { path: 'staff[0].orgId', message: 'no organisation SB-9 in the file or the database' };
 * ```
 */
export interface DirectoryError {
  readonly path: string;
  readonly message: string;
}

/**
 * What the bank has now, as the plan needs it.
 *
 * @example
 * ```ts
 * const now: DirectoryNow = { organisations: await store.listOrganisations(), staff: new Map() };
 * ```
 */
export interface DirectoryNow {
  readonly organisations: readonly Organisation[];
  readonly staff: ReadonlyMap<string, StaffMember & { readonly active: boolean }>;
}

/**
 * What loading a directory file will write: organisations and staff to add and to update (changed ones
 * only), and the errors that stop it (then nothing is written).
 *
 * @example
 * ```ts
 * const plan = planDirectory(file, now);
 * if (plan.errors.length) report(plan.errors);
 * ```
 */
export interface DirectoryPlan {
  readonly errors: readonly DirectoryError[];
  readonly addOrganisations: readonly Organisation[];
  readonly updateOrganisations: readonly Organisation[];
  readonly addStaff: readonly (StaffMember & { readonly active: boolean })[];
  readonly updateStaff: readonly (StaffMember & { readonly active: boolean })[];
  /** Staff who were active and are not any more (counted among `updateStaff`). */
  readonly deactivated: number;
}

/** @internal whether two organisations differ in what a file may change. */
const orgChanged = (a: Organisation, b: Organisation) =>
  a.kind !== b.kind || a.name !== b.name || a.regionCode !== b.regionCode || a.outletCount !== b.outletCount || a.customerCount !== b.customerCount;

/** @internal an error for every entry whose id an earlier entry of the list already has. */
function reportDuplicates(entries: readonly { id: string }[], list: string, errors: DirectoryError[]): void {
  const first = new Map<string, number>();
  entries.forEach((e, i) => {
    const seen = first.get(e.id);
    if (seen === undefined) first.set(e.id, i);
    else errors.push({ path: `${list}[${i}].id`, message: `${e.id} appears twice (also ${list}[${seen}]); give each id once` });
  });
}

/**
 * Checks a directory file against the bank as it is and works out what to write. The rules
 * (docs/domain/lifecycle.md, organisations): one head office, the tree's root; every parent exists (in
 * the file or the database) and no parent links form a cycle; an organisation never moves to another
 * parent (its complaints' access paths hang on it: move it by a migration, not a file); every staff
 * member belongs to an organisation that exists.
 *
 * @example
 * ```ts
 * const plan = planDirectory({ organisations: [{ id: 'SB-1', parentId: 'BR-44', kind: 'sub_branch', name: '一支行', regionCode: '440300' }], staff: [] }, now);
 * ```
 */
export function planDirectory(file: BankDirectoryFile, now: DirectoryNow): DirectoryPlan {
  const errors: DirectoryError[] = [];
  const existing = new Map(now.organisations.map((o) => [o.id, o]));
  reportDuplicates(file.organisations, 'organisations', errors);
  reportDuplicates(file.staff, 'staff', errors);
  const inFile = new Map(file.organisations.map((o) => [o.id, o]));
  const roots = new Set(now.organisations.filter((o) => o.parentId === null).map((o) => o.id));

  const addOrganisations: Organisation[] = [];
  const updateOrganisations: Organisation[] = [];
  file.organisations.forEach((o, i) => {
    const at = `organisations[${i}]`;
    const old = existing.get(o.id);
    if (old) {
      if (old.parentId !== o.parentId) {
        errors.push({ path: `${at}.parentId`, message: `${o.id} is under ${old.parentId ?? 'nothing (the root)'}; an organisation cannot move to another parent by a directory file` });
      } else if (orgChanged(old, o)) updateOrganisations.push(o);
      return;
    }
    if (o.parentId === null) {
      if (o.kind !== 'head_office') errors.push({ path: `${at}.parentId`, message: `only the head office has no parent; give ${o.id}'s parent` });
      else if (roots.size > 0 && !roots.has(o.id)) errors.push({ path: `${at}.parentId`, message: `the bank already has a head office (${[...roots][0]}); there is one` });
      else roots.add(o.id);
    } else if (o.kind === 'head_office') {
      errors.push({ path: `${at}.kind`, message: 'a head office has no parent (parentId null)' });
    } else if (!existing.has(o.parentId) && !inFile.has(o.parentId)) {
      errors.push({ path: `${at}.parentId`, message: `no organisation ${o.parentId} in the file or the database` });
    } else {
      // Walk up through new organisations: an existing one ends the walk; coming back to o is a cycle.
      const seen = new Set([o.id]);
      for (let p: string | null = o.parentId; p !== null && !existing.has(p); p = inFile.get(p)?.parentId ?? null) {
        if (seen.has(p)) {
          errors.push({ path: `${at}.parentId`, message: `the parent links of ${o.id} form a cycle` });
          break;
        }
        seen.add(p);
      }
    }
    addOrganisations.push(o);
  });

  const addStaff: (StaffMember & { active: boolean })[] = [];
  const updateStaff: (StaffMember & { active: boolean })[] = [];
  let deactivated = 0;
  file.staff.forEach((s, i) => {
    if (!existing.has(s.orgId) && !inFile.has(s.orgId)) {
      errors.push({ path: `staff[${i}].orgId`, message: `no organisation ${s.orgId} in the file or the database` });
      return;
    }
    const old = now.staff.get(s.id);
    if (!old) addStaff.push(s);
    else if (old.orgId !== s.orgId || old.role !== s.role || old.name !== s.name || old.active !== s.active) {
      updateStaff.push(s);
      if (old.active && !s.active) deactivated++;
    }
  });
  return { errors, addOrganisations, updateOrganisations, addStaff, updateStaff, deactivated };
}

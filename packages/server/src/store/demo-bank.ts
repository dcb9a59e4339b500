import type { Complaint, Organisation, StaffRole } from '@complaintkit/core/domain';

/**
 * A staff member of the bank.
 *
 * @example
 * ```ts
 * const s: StaffMember = { id: 'u-2001', orgId: 'SB-440301', role: 'handler', name: '王五' };
 * ```
 */
export interface StaffMember {
  readonly id: string;
  readonly orgId: string;
  readonly role: StaffRole;
  readonly name: string;
}

/**
 * A whole bank to load at once: organisations (parents before or after children, any order),
 * staff and complaints with their timelines (event `seq` globally increasing). The seed generator
 * (`src/seed`) produces one; tests write small ones by hand.
 *
 * @example
 * ```ts
 * await store.importDemoBank({ organisations, staff, complaints });
 * ```
 */
export interface BankImport {
  readonly organisations: readonly Organisation[];
  readonly staff: readonly StaffMember[];
  readonly complaints: readonly Complaint[];
}

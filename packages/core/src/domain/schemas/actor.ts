import * as z from 'zod/mini';

/**
 * Staff roles (docs/domain/lifecycle.md (organisations and roles)).
 *
 * @example
 * ```ts
 * StaffRole.parse('manager');
 * ```
 */
export const StaffRole = z.enum(['frontline', 'handler', 'manager', 'leadership', 'auditor']);
/** A staff role. @useDeclaredType @example `const r: StaffRole = 'handler';` */
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * A member of staff acting: id, role and organisation.
 *
 * @example
 * ```ts
 * const a: StaffActor = { kind: 'staff', id: 'u-1001', role: 'frontline', orgId: 'SB-440301' };
 * ```
 */
export const StaffActor = z.object({ kind: z.literal('staff'), id: z.string(), role: StaffRole, orgId: z.string() });
/** A staff actor. @useDeclaredType @example `const a: StaffActor = complaint.firstResponder!;` */
export type StaffActor = z.infer<typeof StaffActor>;

/**
 * Who did something: a staff member (with role and organisation), a customer acting on their own
 * complaints, or the system (for example a regulator-transfer import).
 *
 * @example
 * ```ts
 * const a: Actor = { kind: 'staff', id: 'u-1001', role: 'handler', orgId: 'BR-11' };
 * ```
 */
export const Actor = z.discriminatedUnion('kind', [
  StaffActor,
  z.object({ kind: z.literal('customer'), id: z.string() }),
  z.object({ kind: z.literal('system'), id: z.string() }),
]);
/** Who acted. @useDeclaredType @example `const a: Actor = { kind: 'customer', id: 'C-88' };` */
export type Actor = z.infer<typeof Actor>;

/**
 * The role a lifecycle rule names: a staff role, `customer` or `system`.
 *
 * @example
 * ```ts
 * const who: ActorRole = 'customer';
 * ```
 */
export type ActorRole = StaffRole | 'customer' | 'system';

/**
 * The role an actor plays in lifecycle rules.
 *
 * @example
 * ```ts
 * actorRole({ kind: 'customer', id: 'C-1' }); // 'customer'
 * ```
 */
export const actorRole = (actor: Actor): ActorRole => (actor.kind === 'staff' ? actor.role : actor.kind);

/**
 * An organisation of the bank: head office, branch (一级分行), second-tier branch (二级分行),
 * sub-branch, outlet or a functional centre with no region (credit-card centre, hotline centre).
 *
 * @example
 * ```ts
 * const o: Organisation = { id: 'BR-44', parentId: 'HO', kind: 'branch', name: '广东分行', regionCode: '440000' };
 * ```
 */
export const Organisation = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  parentId: z.nullable(z.string()),
  kind: z.enum(['head_office', 'branch', 'second_tier_branch', 'sub_branch', 'outlet', 'centre']),
  name: z.string(),
  /** GB/T 2260 region code; `null` for functional centres that report outside the provinces. */
  regionCode: z.nullable(z.string().check(z.regex(/^\d{6}$/))),
  outletCount: z.optional(z.number().check(z.int(), z.nonnegative())),
  customerCount: z.optional(z.number().check(z.int(), z.nonnegative())),
});
/** An organisation. @example `const o: Organisation = { id: 'HO', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000' };` */
export interface Organisation extends z.infer<typeof Organisation> {}

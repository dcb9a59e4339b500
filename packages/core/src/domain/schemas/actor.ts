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
 * Who took a step, as a timeline event and `registeredBy` carry it: an {@link Actor}, except that
 * when the reader is the customer who owns the complaint a member of staff is given by organisation
 * only (`id` and `role` absent: staff ids are the bank's, not the customer's; docs/domain/personal-data.md).
 *
 * @example
 * ```ts
 * const seenByStaff: TimelineActor = { kind: 'staff', id: 'u-1001', role: 'handler', orgId: 'BR-11' };
 * const seenByCustomer: TimelineActor = { kind: 'staff', orgId: 'BR-11' };
 * ```
 */
export const TimelineActor = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    /** The staff member's id; absent when the reader is the customer. */
    id: z.optional(z.string()),
    /** The staff member's role; absent when the reader is the customer. */
    role: z.optional(StaffRole),
    /** The organisation the staff member acted for. */
    orgId: z.string(),
  }),
  z.object({ kind: z.literal('customer'), id: z.string() }),
  z.object({ kind: z.literal('system'), id: z.string() }),
]);
/** Who took a step, as the reader may see it. @useDeclaredType @example `const org = e.actor.kind === 'staff' ? e.actor.orgId : null;` */
export type TimelineActor = z.infer<typeof TimelineActor>;

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

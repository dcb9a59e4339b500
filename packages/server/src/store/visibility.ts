import { type RawBuilder, sql } from 'kysely';

/**
 * What a caller may see: everything (the system), an organisation subtree (staff: complaints handled
 * there or whose first responder works there), or one customer's own complaints.
 *
 * @example
 * ```ts
 * const v: Visibility = { kind: 'subtree', path: '/HO/BR-44/' };
 * ```
 */
export type Visibility =
  | { readonly kind: 'all' }
  | { readonly kind: 'subtree'; readonly path: string }
  | { readonly kind: 'customer'; readonly customerId: string };

/**
 * A LIKE pattern matching strings that start with `prefix` (with `\` as the escape character).
 *
 * @example
 * ```ts
 * likePrefix('/HO/BR_1/'); // '/HO/BR\\_1/%'
 * ```
 */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * The SQL condition of a visibility over a table with `handling_org_path`, `first_org_path` and
 * `customer_id` columns (complaints and events both have them).
 *
 * @example
 * ```ts
 * db.selectFrom('complaints').where(visibilitySql(v));
 * ```
 */
export function visibilitySql(v: Visibility): RawBuilder<boolean> {
  switch (v.kind) {
    case 'all':
      return sql<boolean>`1 = 1`;
    case 'customer':
      return sql<boolean>`customer_id = ${v.customerId}`;
    case 'subtree': {
      const p = likePrefix(v.path);
      return sql<boolean>`(handling_org_path like ${p} escape '\\' or first_org_path like ${p} escape '\\')`;
    }
  }
}

/**
 * The same rule in memory, for one record.
 *
 * @example
 * ```ts
 * isVisible(v, { handlingOrgPath: '/HO/BR-44/', firstOrgPath: null, customerId: null });
 * ```
 */
export function isVisible(
  v: Visibility,
  r: { handlingOrgPath: string; firstOrgPath: string | null; customerId: string | null },
): boolean {
  switch (v.kind) {
    case 'all':
      return true;
    case 'customer':
      return r.customerId === v.customerId;
    case 'subtree':
      return r.handlingOrgPath.startsWith(v.path) || (r.firstOrgPath?.startsWith(v.path) ?? false);
  }
}

/**
 * Whether the caller may act on a visible complaint: staff act only where it is handled now (their
 * subtree holds the handling organisation). A first responder's organisation keeps sight of it after a
 * transfer (首问负责制) and may still act for the complainant (withdraw, request a review), nothing else.
 *
 * @example
 * ```ts
 * mayActOn(caller.visibility, record, 'accept'); // false when only the first responder's org is ours
 * ```
 */
export function mayActOn(v: Visibility, r: { handlingOrgPath: string }, action: string): boolean {
  if (v.kind !== 'subtree') return true;
  return r.handlingOrgPath.startsWith(v.path) || action === 'withdraw' || action === 'request_review';
}

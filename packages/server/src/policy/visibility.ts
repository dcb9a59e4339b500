import { type RawBuilder, sql } from 'kysely';
import { likePrefix } from '../store/like-prefix.js';

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
 * Whether one stored complaint is visible. {@link visibilitySql} is the same rule as SQL: change
 * both together.
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
 * {@link isVisible} as an SQL condition, over a table with `handling_org_path`, `first_org_path` and
 * `customer_id` columns (complaints and events both have them): how the store filters lists and the
 * event stream.
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

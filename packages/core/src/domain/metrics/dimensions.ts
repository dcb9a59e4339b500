import type { ComplaintFacts } from './facts.js';

/**
 * The dimensions a report is grouped by (one, or two for a cross-tab): intake channel, A (channel of
 * the business, full code), B (business category, full code, or its major class), C (cause),
 * severity, province and prefecture (GB/T 2260, with the "not regional" bucket), and organisation
 * (the children of the report's scope, each with its whole subtree rolled up).
 *
 * @example
 * ```ts
 * const d: Dimension = 'businessCategory';
 * ```
 */
export const DIMENSIONS = [
  'intakeChannel',
  'businessChannel',
  'businessCategory',
  'businessMajor',
  'cause',
  'severity',
  'province',
  'prefecture',
  'organisation',
] as const;
/** One of {@link DIMENSIONS}. @example `const d: Dimension = 'province';` */
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The `complaint_facts` column each plain dimension reads (organisation is computed from `org_path`).
 *
 * @example
 * ```ts
 * DIMENSION_COLUMNS.businessCategory; // 'business_category'
 * ```
 */
export const DIMENSION_COLUMNS: { readonly [D in Exclude<Dimension, 'organisation'>]: string } = {
  intakeChannel: 'intake_channel',
  businessChannel: 'business_channel',
  businessCategory: 'business_category',
  businessMajor: 'business_major',
  cause: 'cause',
  severity: 'severity',
  province: 'province',
  prefecture: 'prefecture',
};

/**
 * The organisations a report by organisation groups into: the scope's children with their paths; a
 * complaint of the scope organisation itself falls in the scope's own row.
 *
 * @example
 * ```ts
 * const g: OrgGroups = { scope: { id: 'HO', path: '/HO/' }, children: [{ id: 'BR-44', path: '/HO/BR-44/' }] };
 * ```
 */
export interface OrgGroups {
  readonly scope: { readonly id: string; readonly path: string };
  readonly children: readonly { readonly id: string; readonly path: string }[];
}

/**
 * The group a complaint falls in along one dimension.
 *
 * @example
 * ```ts
 * dimensionKey(facts, 'province'); // '440000' or 'not_regional'
 * ```
 */
export function dimensionKey(f: ComplaintFacts, d: Dimension, orgs?: OrgGroups): string {
  if (d !== 'organisation') return f[d];
  if (!orgs) throw new Error('a report by organisation needs the organisation groups');
  return orgs.children.find((c) => f.orgPath.startsWith(c.path))?.id ?? orgs.scope.id;
}

import type { ComplaintFacts } from './facts.js';

/**
 * What a report counts: an organisation subtree and, per dimension, the values to keep. Codes of
 * A, B and C match their descendants (`B03` keeps `B0301` and `B0302`); `region` is a GB/T 2260
 * prefix (`44` Guangdong, `4403` Shenzhen) or `not_regional`. An empty or missing list keeps all.
 *
 * @example
 * ```ts
 * const f: FactFilter = { orgPath: '/HO/BR-44/', businessCategory: ['B03'], region: '4403' };
 * ```
 */
export interface FactFilter {
  readonly orgPath?: string | undefined;
  readonly intakeChannel?: readonly string[] | undefined;
  readonly businessChannel?: readonly string[] | undefined;
  readonly businessCategory?: readonly string[] | undefined;
  readonly cause?: readonly string[] | undefined;
  readonly severity?: readonly string[] | undefined;
  readonly region?: string | undefined;
}

/** @internal */
const anyPrefix = (value: string, codes: readonly string[] | undefined): boolean =>
  !codes || codes.length === 0 || codes.some((c) => value.startsWith(c));
/** @internal */
const oneOf = (value: string, values: readonly string[] | undefined): boolean => !values || values.length === 0 || values.includes(value);

/**
 * Whether a complaint passes a filter (the in-memory twin of the service's SQL `where`).
 *
 * @example
 * ```ts
 * facts.filter((f) => matchesFilter(f, { businessCategory: ['B03'] }));
 * ```
 */
export function matchesFilter(f: ComplaintFacts, filter: FactFilter): boolean {
  if (filter.orgPath && !f.orgPath.startsWith(filter.orgPath)) return false;
  if (filter.region !== undefined) {
    if (filter.region === 'not_regional' ? f.regionCode !== null : !(f.regionCode ?? '').startsWith(filter.region)) return false;
  }
  return (
    oneOf(f.intakeChannel, filter.intakeChannel) &&
    anyPrefix(f.businessChannel, filter.businessChannel) &&
    anyPrefix(f.businessCategory, filter.businessCategory) &&
    anyPrefix(f.cause, filter.cause) &&
    oneOf(f.severity, filter.severity)
  );
}

import type { Organisation } from '../schemas/actor.js';
import type { RegionScope } from '../schemas/complaint.js';

/**
 * Where a new complaint counts regionally (docs/domain/taxonomy.md, docs/domain/metrics.md heat map):
 * the code given; else, when the caller said `null`, not regional; else the handling organisation's
 * region. A functional centre is not regional; head office alone does not say where a matter arose,
 * so a complaint routed there without a region is `unknown`, a bucket distinct from "not regional".
 *
 * @example
 * ```ts
 * regionFor(undefined, { kind: 'sub_branch', regionCode: '440300' }); // { regionCode: '440300', regionScope: 'regional' }
 * regionFor(undefined, { kind: 'centre', regionCode: null });         // { regionCode: null, regionScope: 'not_regional' }
 * regionFor(undefined, { kind: 'head_office', regionCode: '110000' }); // { regionCode: null, regionScope: 'unknown' }
 * ```
 */
export function regionFor(
  given: string | null | undefined,
  handlingOrg: Pick<Organisation, 'kind' | 'regionCode'> | undefined,
): { regionCode: string | null; regionScope: RegionScope } {
  if (given) return { regionCode: given, regionScope: 'regional' };
  if (given === null) return { regionCode: null, regionScope: 'not_regional' };
  if (!handlingOrg || handlingOrg.kind === 'head_office') return { regionCode: null, regionScope: 'unknown' };
  if (handlingOrg.kind === 'centre') return { regionCode: null, regionScope: 'not_regional' };
  return handlingOrg.regionCode ? { regionCode: handlingOrg.regionCode, regionScope: 'regional' } : { regionCode: null, regionScope: 'unknown' };
}

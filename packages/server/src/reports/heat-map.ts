import { type DayRange, type HeatMap, NOT_REGIONAL, type ReportFilter } from '@complaintkit/core/domain';
import type { OrganisationRecord, Store } from '../store/store.js';
import { reportSpec, wireRow } from './spec.js';

/** @internal the cell prefix of a region code at a level. */
const cellOf = (region: string, level: 'province' | 'prefecture') => (level === 'province' ? `${region.slice(0, 2)}0000` : `${region.slice(0, 4)}00`);

/**
 * The personal customers of each region cell within a scope: the customer counts of the top-most
 * organisations of the scope whose region lies in the cell (a unit's count covers its subtree, so a
 * parent in the same cell already counts its children).
 *
 * @example
 * ```ts
 * customersByCell(orgs, 'province').get('440000'); // 7_300_000
 * ```
 */
export function customersByCell(orgs: readonly OrganisationRecord[], level: 'province' | 'prefecture'): Map<string, number> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const out = new Map<string, number>();
  for (const o of orgs) {
    if (o.regionCode === null || o.customerCount === undefined) continue;
    const cell = cellOf(o.regionCode, level);
    const parent = o.parentId === null ? undefined : byId.get(o.parentId);
    if (parent?.regionCode && cellOf(parent.regionCode, level) === cell && parent.customerCount !== undefined) continue;
    out.set(cell, (out.get(cell) ?? 0) + o.customerCount);
  }
  return out;
}

/**
 * The heat map: the report grouped by province or prefecture, with each cell's customers and its
 * volume per 10,000 customers; the `not_regional` cell (functional centres) is kept whenever it has
 * complaints.
 *
 * @example
 * ```ts
 * const h = await buildHeatMap(store, scope, range, 'province', {});
 * ```
 */
export async function buildHeatMap(store: Store, scope: OrganisationRecord, range: DayRange, level: 'province' | 'prefecture', filter: ReportFilter): Promise<HeatMap> {
  const [result, orgs] = await Promise.all([
    reportSpec(store, scope, range, filter, [level]).then((spec) => store.reporting.report(spec)),
    store.listOrganisations(scope.path),
  ]);
  const customers = customersByCell(orgs, level);
  return {
    level,
    orgId: scope.id,
    cells: result.rows.map((r) => {
      const region = r.key[level] as string;
      const c = region === NOT_REGIONAL ? null : (customers.get(region) ?? null);
      const volume = r.aggregates.received;
      return { region, volume, customers: c, per10kCustomers: c ? (volume / c) * 10_000 : null, metrics: wireRow(r).metrics };
    }),
  };
}

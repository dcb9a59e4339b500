import type { Timeliness } from '../schemas/complaint.js';

/**
 * The one rule of met or missed (docs/domain/clocks.md, "Met or missed"): a period is met when the
 * complainant was **told** by its deadline (the last millisecond of the deadline's day included), missed
 * otherwise. The clock, the stored decision and the metrics all judge with it.
 *
 * @example
 * ```ts
 * timelinessOf('2026-03-16T23:59:59.999+08:00', '2026-03-16T23:59:59.999+08:00'); // 'met'
 * timelinessOf(Date.parse('2026-03-17T00:00:00+08:00'), '2026-03-16T23:59:59.999+08:00'); // 'missed'
 * ```
 */
export function timelinessOf(toldAt: number | string, dueAt: number | string): Timeliness {
  const told = typeof toldAt === 'number' ? toldAt : Date.parse(toldAt);
  const due = typeof dueAt === 'number' ? dueAt : Date.parse(dueAt);
  return told <= due ? 'met' : 'missed';
}

/**
 * When the complainant was told the decision a `respond` event records: its `notifiedAt`, else (old
 * or imported events without one) the recording itself. Epoch ms.
 *
 * @example
 * ```ts
 * toldAtOf({ at: '2026-03-12T16:00:00+08:00', data: { notifiedAt: '2026-03-12T15:00:00+08:00' } }); // 15:00 in ms
 * ```
 */
export function toldAtOf(event: { readonly at: string; readonly data: Readonly<Record<string, unknown>> }): number {
  const told = typeof event.data.notifiedAt === 'string' ? Date.parse(event.data.notifiedAt) : Number.NaN;
  return Number.isNaN(told) ? Date.parse(event.at) : told;
}

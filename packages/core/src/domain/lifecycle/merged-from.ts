import type { Complaint } from '../schemas/complaint.js';

/**
 * The merge target after a complaint was merged into it (docs/domain/lifecycle.md: the target lists
 * what was merged into it): `mergedFrom` gains the merged complaint's id, once, and the version moves
 * on so a concurrent change of the target is detected. No timeline event: the target's handling and its
 * clock go on unchanged; the merge itself is the event on the merged complaint.
 *
 * @example
 * ```ts
 * const target = withMergedFrom(earlier, 'CK20260302-000002', Date.now());
 * target.mergedFrom; // [..., 'CK20260302-000002']
 * ```
 */
export function withMergedFrom(target: Complaint, mergedId: string, now: number): Complaint {
  if (target.mergedFrom.includes(mergedId)) return target;
  return { ...target, mergedFrom: [...target.mergedFrom, mergedId], version: target.version + 1, updatedAt: new Date(now).toISOString() };
}

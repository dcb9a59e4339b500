import type { IdentityHasher } from '@complaintkit/core/node';
import type { ComplaintRow } from '../input/complaint-row.js';
import type { KeyIndex } from './key-index.js';

/**
 * How a complaint was linked to a retail customer, or why it was not. Unmatched and ambiguous
 * complaints are reported and left out of tagging: a customer is never guessed.
 *
 * @example
 * ```ts
 * const link: Link = linker.link(row);
 * if (link.status === 'matched') console.log(link.customerId, link.via);
 * ```
 */
export type Link =
  | { readonly status: 'matched'; readonly customerId: string; readonly via: 'customerId' | 'keys' }
  | { readonly status: 'unmatched' }
  | { readonly status: 'ambiguous'; readonly reason: 'shared_identifier' | 'conflicting_identifiers' };

/**
 * Links complainants to retail-customer ids: the complaint's own customer id first; otherwise the
 * keyed hashes of its verified phone and ID number (as the service stores them) or of the raw phone,
 * ID and card numbers in a file, looked up in the CRM's key files. Identifiers that point at two
 * customers, or at different customers from one another, make the complaint ambiguous.
 *
 * @example
 * ```ts
 * const linker = new Linker(createIdentityHasher(secret), keys);
 * linker.link(row); // { status: 'matched', customerId: 'C-1001', via: 'keys' }
 * ```
 */
export class Linker {
  constructor(
    readonly hasher: IdentityHasher | null,
    readonly keys: KeyIndex | null,
  ) {}

  /**
   * Links one complaint row.
   *
   * @example
   * ```ts
   * linker.link({ ...row, customerId: 'C-1' }); // matched via customerId
   * ```
   */
  link(row: ComplaintRow): Link {
    if (row.customerId) return { status: 'matched', customerId: row.customerId, via: 'customerId' };
    if (!this.keys) return { status: 'unmatched' };
    const hashes: string[] = [];
    if (row.phoneHash) hashes.push(row.phoneHash);
    if (row.idNumberHash) hashes.push(row.idNumberHash);
    if (this.hasher) {
      for (const [kind, raw] of [
        ['phone', row.phone],
        ['idNumber', row.idNumber],
        ['cardNumber', row.cardNumber],
      ] as const) {
        const h = raw ? this.hasher(kind, raw) : null;
        if (h !== null) hashes.push(h);
      }
    }
    let found: string | undefined;
    for (const h of hashes) {
      const c = this.keys.lookup(h);
      if (c === undefined) continue;
      if (c === 'ambiguous') return { status: 'ambiguous', reason: 'shared_identifier' };
      if (found !== undefined && found !== c) return { status: 'ambiguous', reason: 'conflicting_identifiers' };
      found = c;
    }
    return found === undefined ? { status: 'unmatched' } : { status: 'matched', customerId: found, via: 'keys' };
  }
}

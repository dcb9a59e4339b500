import * as z from 'zod/mini';
import { isKnownRegionCode } from '../taxonomy/gbt2260.js';

// The service checks region codes against the list; the client's registration schema checks only the
// format (six digits), so the list (about 1 KB) never ships to phones and a new edition of GB/T 2260
// needs a service release, not an app release (docs/domain/taxonomy.md).
/**
 * A GB/T 2260 region code on the published list at province and prefecture level (a county-level code
 * needs its prefecture), as a registration must give it (docs/domain/taxonomy.md).
 *
 * @example
 * ```ts
 * KnownRegionCode.parse('440305'); // a district of 深圳市 (4403)
 * ```
 */
export const KnownRegionCode = /* @__PURE__ */ z.string().check(
  z.regex(/^\d{6}$/),
  z.refine(isKnownRegionCode, { message: 'not on the GB/T 2260 list: give a province (440000), prefecture (440300) or county (440305) code' }),
);

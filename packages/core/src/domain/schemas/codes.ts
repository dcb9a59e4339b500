import * as z from 'zod/mini';
import {
  BUSINESS_CATEGORY_CODES,
  BUSINESS_CATEGORY_LEAF_CODES,
  BUSINESS_CHANNEL_CODES,
  BUSINESS_CHANNEL_LEAF_CODES,
  COMPLAINT_CAUSE_CODES,
  COMPLAINT_CAUSE_LEAF_CODES,
  INTAKE_CHANNEL_CODES,
} from '../taxonomy/codes.js';

/** A dimension-A code on the wire. @example `BusinessChannel.parse('A010303');` */
export const BusinessChannel = z.enum(BUSINESS_CHANNEL_CODES);
/** A dimension-B code on the wire. @example `BusinessCategory.parse('B0302');` */
export const BusinessCategory = z.enum(BUSINESS_CATEGORY_CODES);
/** A dimension-C code on the wire. @example `ComplaintCause.parse('C11');` */
export const ComplaintCause = z.enum(COMPLAINT_CAUSE_CODES);
/** A dimension-A leaf code, as a registration must give it (docs/domain/taxonomy.md). @example `BusinessChannelLeaf.parse('A010303');` */
export const BusinessChannelLeaf = z.enum(BUSINESS_CHANNEL_LEAF_CODES);
/** A dimension-B leaf code, as a registration must give it. @example `BusinessCategoryLeaf.parse('B0302');` */
export const BusinessCategoryLeaf = z.enum(BUSINESS_CATEGORY_LEAF_CODES);
/** A dimension-C leaf code, as a registration must give it. @example `ComplaintCauseLeaf.parse('C11');` */
export const ComplaintCauseLeaf = z.enum(COMPLAINT_CAUSE_LEAF_CODES);
/** An intake channel on the wire. @example `IntakeChannel.parse('hotline');` */
export const IntakeChannel = z.enum(INTAKE_CHANNEL_CODES);

/**
 * Severity: complex, sensitive and major cases may go to leadership (包案).
 *
 * @example
 * ```ts
 * Severity.parse('major');
 * ```
 */
export const Severity = z.enum(['normal', 'complex', 'sensitive', 'major']);
/** A severity. @useDeclaredType @example `const s: Severity = 'sensitive';` */
export type Severity = z.infer<typeof Severity>;

import * as z from 'zod/mini';
import { BUSINESS_CATEGORIES, type BusinessCategoryCode } from '../taxonomy/business.js';
import { COMPLAINT_CAUSES, type ComplaintCauseCode } from '../taxonomy/causes.js';
import { BUSINESS_CHANNELS, type BusinessChannelCode } from '../taxonomy/channels.js';
import { INTAKE_CHANNELS, type IntakeChannelCode } from '../taxonomy/intake.js';

const codes = <C extends string>(nodes: readonly { code: C }[]) => nodes.map((n) => n.code) as [C, ...C[]];

/** A dimension-A code on the wire. @example `BusinessChannel.parse('A010303');` */
export const BusinessChannel = z.enum(codes<BusinessChannelCode>(BUSINESS_CHANNELS));
/** A dimension-B code on the wire. @example `BusinessCategory.parse('B0302');` */
export const BusinessCategory = z.enum(codes<BusinessCategoryCode>(BUSINESS_CATEGORIES));
/** A dimension-C code on the wire. @example `ComplaintCause.parse('C11');` */
export const ComplaintCause = z.enum(codes<ComplaintCauseCode>(COMPLAINT_CAUSES));
/** An intake channel on the wire. @example `IntakeChannel.parse('hotline');` */
export const IntakeChannel = z.enum(codes<IntakeChannelCode>(INTAKE_CHANNELS));

/**
 * Severity: complex, sensitive and major cases may go to leadership (包案).
 *
 * @example
 * ```ts
 * Severity.parse('major');
 * ```
 */
export const Severity = z.enum(['normal', 'complex', 'sensitive', 'major']);
/** A severity. @example `const s: Severity = 'sensitive';` */
export type Severity = z.infer<typeof Severity>;

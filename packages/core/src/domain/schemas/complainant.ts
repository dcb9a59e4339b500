import * as z from 'zod/mini';
import { compact, normaliseCardNumber, normaliseIdNumber, normalisePhone, PHONE_ENTRY } from '../identity/normalise.js';
import { storedText, text } from './primitives.js';

/**
 * @internal What registration accepts for each personal number before it is checked and compacted:
 * the characters people type (full-width digits, separators); the checks that follow decide validity.
 */
const ENTRY = {
  phone: PHONE_ENTRY,
  idNumber: /^(?:[\d０-９]\s*){17}[\d０-９XxＸｘ]$/,
  cardNumber: /^(?:[\d０-９][\s-]?){11,18}[\d０-９]$/,
} as const;

/**
 * Priority groups that get the fast track (docs/domain/taxonomy.md (priority groups)). Like the CFPB's complaint
 * tags: several may apply, each self-reported or verified, never inferred; used for routing and
 * internal targets only.
 *
 * @example
 * ```ts
 * PriorityGroup.parse('frontline_medical');
 * ```
 */
export const PriorityGroup = z.enum([
  'frontline_medical',
  'police',
  'military_family',
  'emergency_worker',
  'elderly',
  'disabled',
]);
/** A priority group. @useDeclaredType @example `const g: PriorityGroup = 'elderly';` */
export type PriorityGroup = z.infer<typeof PriorityGroup>;

/**
 * One priority-group membership and how it is known.
 *
 * @example
 * ```ts
 * const m: PriorityMembership = { group: 'police', basis: 'verified' };
 * ```
 */
export const PriorityMembership = z.object({
  group: PriorityGroup,
  basis: z.enum(['self_reported', 'verified']),
});
/** A priority-group membership. @example `const m: PriorityMembership = { group: 'elderly', basis: 'self_reported' };` */
export interface PriorityMembership extends z.infer<typeof PriorityMembership> {}

/** @internal a representative, its name read by `name` (a request's {@link text} or a record's {@link storedText}). */
const representative = (name: typeof text) =>
  z.object({
    name: name(64),
    relation: z.enum(['agent', 'legal_representative', 'heir']),
    powerOfAttorney: z.boolean(),
  });

/**
 * Who complains: personal information under PIPL. ID and card numbers are sensitive personal
 * information; never log them (use the masking helpers).
 *
 * @example
 * ```ts
 * const who: Complainant = { name: '张三', phone: '13812345678', customerId: 'C-1001', priorityGroups: [] };
 * ```
 */
export const Complainant = z.object({
  name: text(64),
  /**
   * Mainland mobile or landline number, as people type it: digits (full-width too), an optional `+86` or
   * `0086` prefix, spaces, dashes or brackets (`138 1234 5678`, `(0755) 8765-4321`); must be a real
   * mainland number. Stored without the separators (`13812345678`, `075587654321`), a `0086` prefix
   * written `+86` as a `+86` one is kept (`+8613812345678`).
   */
  phone: z.optional(
    z.string().check(
      z.regex(ENTRY.phone, { abort: true, message: 'digits, an optional +86 prefix, spaces, dashes or brackets' }),
      z.refine((v) => normalisePhone(v) !== null, { abort: true, message: 'not a mainland mobile or landline number' }),
      z.overwrite((v) => compact(v).replace(/^0086/, '+86')),
    ),
  ),
  /**
   * Resident ID number (18 characters, GB 11643: check character and date of birth are checked), spaces
   * allowed (`440301 19900101 1234`); stored without them, `X` upper-case. Optional because the bank may
   * already hold it.
   */
  idNumber: z.optional(
    z.string().check(
      z.regex(ENTRY.idNumber, { abort: true, message: '18 characters: 17 digits and a digit or X' }),
      z.refine((v) => normaliseIdNumber(v) !== null, { abort: true, message: 'not a valid resident ID number (GB 11643 check character or date of birth)' }),
      z.overwrite((v) => compact(v).toUpperCase()),
    ),
  ),
  /** Bank card number (12–19 digits passing the Luhn check), spaces or dashes allowed (`6222 0212 3456 7890 128`); stored without them. */
  cardNumber: z.optional(
    z.string().check(
      z.regex(ENTRY.cardNumber, { abort: true, message: '12 to 19 digits' }),
      z.refine((v) => normaliseCardNumber(v) !== null, { abort: true, message: 'not a valid card number (Luhn check)' }),
      z.overwrite(compact),
    ),
  ),
  /**
   * The bank's stable retail-customer id (the CRM's external id) wherever the bank knows it. Customers'
   * own submissions set it from their sign-in; staff entering a complaint may set it.
   */
  customerId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /**
   * Whether staff have verified the complainant's identity (docs/domain/personal-data.md). Only staff
   * set it at registration; accepting a complaint verifies it (the accept step checks identity).
   */
  identityVerified: z.optional(z.boolean()),
  /** A representative (power of attorney), legal representative or heir acting for the complainant. */
  representative: z.optional(representative(text)),
  priorityGroups: z._default(z.array(PriorityMembership).check(z.maxLength(6)), []),
});
/** The complainant as stored and returned. @example `const c: Complainant = { name: '李四', priorityGroups: [] };` */
export interface Complainant extends z.infer<typeof Complainant> {}
/** The complainant as sent (priority groups may be left out). @example `const c: ComplainantInput = { name: '李四' };` */
export interface ComplainantInput extends z.input<typeof Complainant> {}

/**
 * A keyed hash of one identifier: 64 lower-case hex characters (HMAC-SHA-256).
 *
 * @example
 * ```ts
 * IdentityHash.parse('0'.repeat(64));
 * ```
 */
export const IdentityHash = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/**
 * The complainant as the service returns it. Lists, the event stream and auditors get personal numbers
 * masked (`138****5678`, ID first 3 and last 4, card last 4: docs/domain/personal-data.md), so the number
 * fields accept `*` in place of digits here, and only here: registrations use the strict
 * {@link Complainant}.
 *
 * @example
 * ```ts
 * ComplainantRecord.parse({ name: '张*', phone: '138****5678', priorityGroups: [] });
 * ```
 */
export const ComplainantRecord = z.extend(Complainant, {
  // Names as stored: a record written before requests needed visible text still reads.
  name: storedText(64),
  representative: z.optional(representative(storedText)),
  phone: z.optional(z.string().check(z.regex(/^(\+?86)?[\d*-]{4,20}$/))),
  idNumber: z.optional(z.string().check(z.regex(/^[\d*]{17}[\dXx*]$/))),
  cardNumber: z.optional(z.string().check(z.regex(/^[\d*]{4,19}$/))),
  identityVerified: z.boolean(),
  /**
   * Keyed hash of the phone number (`IDENTITY_HASH_SCHEME`: HMAC-SHA-256 with the bank-held secret over
   * the normalised number), so repeat complaints are found without raw identifiers
   * (docs/domain/personal-data.md); `null` without a valid phone number or a configured secret.
   */
  phoneHash: z.nullable(IdentityHash),
  /** Keyed hash of the resident ID number, as {@link ComplainantRecord} `phoneHash`. */
  idNumberHash: z.nullable(IdentityHash),
});
/** A complainant as returned, possibly masked. @example `const c: ComplainantRecord = complaint.complainant;` */
export interface ComplainantRecord extends z.infer<typeof ComplainantRecord> {}

/**
 * Metadata of an attachment (the file itself travels separately).
 *
 * @example
 * ```ts
 * const a: AttachmentMeta = { name: 'receipt.jpg', contentType: 'image/jpeg', size: 20480 };
 * ```
 */
export const AttachmentMeta = z.object({
  name: text(200),
  contentType: z.string().check(z.regex(/^[\w.+-]+\/[\w.+-]+$/)),
  size: z.number().check(z.int(), z.nonnegative(), z.maximum(50 * 1024 * 1024)),
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
});
/** Attachment metadata. @example `const a: AttachmentMeta = { name: 'a.pdf', contentType: 'application/pdf', size: 1 };` */
export interface AttachmentMeta extends z.infer<typeof AttachmentMeta> {}

/**
 * Attachment metadata as stored and returned: its name without the visible-text rule of a request
 * (records written before that rule still read).
 *
 * @example
 * ```ts
 * AttachmentRecord.parse({ name: 'receipt.jpg', contentType: 'image/jpeg', size: 20480 });
 * ```
 */
export const AttachmentRecord = z.extend(AttachmentMeta, { name: storedText(200) });

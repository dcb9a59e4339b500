import { KnownRegionCode, Organisation, StaffRole } from '@complaintkit/core/domain';
import * as z from 'zod/mini';

/**
 * @internal An organisation or staff id as a directory file may give it: it becomes part of the
 * organisation's materialised path (`/HO/BR-44/`), so no `/`, and it appears in tokens' `sub`/`org`.
 */
const DirectoryId = z.string().check(
  z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'at most 64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit'),
);

/**
 * One organisation of a bank directory file: core's `Organisation`, with ids a path can hold and a
 * region code on the GB/T 2260 list (`null` only for functional centres; docs/domain/taxonomy.md).
 *
 * @example
 * ```ts
 * DirectoryOrganisation.parse({ id: 'BR-44', parentId: 'HO', kind: 'branch', name: '广东分行', regionCode: '440000' });
 * ```
 */
export const DirectoryOrganisation = z.extend(Organisation, {
  id: DirectoryId,
  parentId: z.nullable(DirectoryId),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  regionCode: z.nullable(KnownRegionCode),
});

/**
 * One staff member of a bank directory file. `active: false` removes the member: their tokens are
 * refused from the next request on, and their row stays for the timelines that name them.
 *
 * @example
 * ```ts
 * DirectoryStaff.parse({ id: 'u-2001', orgId: 'SB-440301', role: 'handler', name: '王五' });
 * ```
 */
export const DirectoryStaff = z.object({
  id: DirectoryId,
  orgId: DirectoryId,
  role: StaffRole,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  active: z._default(z.boolean(), true),
});

/**
 * A bank directory file (JSON): the organisations and staff to add or update. Organisations and staff
 * not in the file are left as they are, so a file may carry the whole bank or only what changed.
 *
 * @example
 * ```ts
 * const dir = BankDirectory.parse(JSON.parse(readFileSync('bank.json', 'utf8')));
 * ```
 */
export const BankDirectory = z.object({
  organisations: z._default(z.array(DirectoryOrganisation), []),
  staff: z._default(z.array(DirectoryStaff), []),
});

/** A parsed bank directory file. @example `const d: BankDirectoryFile = { organisations: [], staff: [] };` */
export type BankDirectoryFile = z.infer<typeof BankDirectory>;

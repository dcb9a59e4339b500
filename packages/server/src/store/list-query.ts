import type { ComplaintListQuery } from '@complaintkit/core/domain';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './schema.js';
import { likePrefix } from './like-prefix.js';
import { searchFold } from './rows.js';

/**
 * Encodes the list cursor: the row sequence of the last item returned (opaque to clients).
 *
 * @example
 * ```ts
 * encodeCursor(42); // 'cjQy'
 * ```
 */
export const encodeCursor = (rowSeq: number): string => Buffer.from(`r${rowSeq}`).toString('base64url');

/**
 * Decodes a cursor; `null` for anything this service did not produce.
 *
 * @example
 * ```ts
 * decodeCursor(encodeCursor(42)); // 42
 * ```
 */
export function decodeCursor(cursor: string): number | null {
  const m = /^r(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

/** @internal codes are hierarchical: `B03` also matches `B0301` and `B0302`. */
const codePrefixes = (eb: ExpressionBuilder<Database, 'complaints'>, column: 'business_category' | 'business_channel', codes: readonly string[]) =>
  eb.or(codes.map((c) => sql<SqlBool>`${sql.ref(column)} like ${likePrefix(c)} escape '\\'`));

/**
 * The SQL conditions of every filter of `ComplaintListQuery`, given the organisation path of `orgId`
 * (already resolved; `null` when unknown, which matches nothing), the caller-resolved assignee and now.
 *
 * @example
 * ```ts
 * db.selectFrom('complaints').where((eb) => eb.and(listConditions(eb, query, { orgPath: null, now })));
 * ```
 */
export function listConditions(
  eb: ExpressionBuilder<Database, 'complaints'>,
  q: ComplaintListQuery,
  ctx: { orgPath: string | null | undefined; now: number },
): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (q.status?.length) where.push(eb('status', 'in', q.status));
  if (q.orgId !== undefined) {
    where.push(ctx.orgPath ? sql<SqlBool>`handling_org_path like ${likePrefix(ctx.orgPath)} escape '\\'` : sql<SqlBool>`1 = 0`);
  }
  if (q.businessCategory?.length) where.push(codePrefixes(eb, 'business_category', q.businessCategory));
  if (q.businessChannel?.length) where.push(codePrefixes(eb, 'business_channel', q.businessChannel));
  if (q.intakeChannel?.length) where.push(eb('intake_channel', 'in', q.intakeChannel));
  if (q.cause?.length) where.push(eb('cause', 'in', q.cause));
  if (q.severity?.length) where.push(eb('severity', 'in', q.severity));
  if (q.region !== undefined) where.push(sql<SqlBool>`region_code like ${likePrefix(q.region)} escape '\\'`);
  if (q.receivedFrom !== undefined) where.push(eb('received_at', '>=', Date.parse(q.receivedFrom)));
  if (q.receivedTo !== undefined) where.push(eb('received_at', '<=', Date.parse(q.receivedTo)));
  // Overdue: the active deadline (core's activeDeadline) has passed; none runs once responded or ended.
  const overdue = eb.and([eb('due_at', 'is not', null), eb('due_at', '<', ctx.now)]);
  if (q.overdue === true) where.push(overdue);
  if (q.overdue === false) where.push(eb.not(overdue));
  const dueSoon = eb.and([eb('warn_at', 'is not', null), eb('warn_at', '<=', ctx.now), eb('due_at', '>=', ctx.now)]);
  if (q.dueSoon === true) where.push(dueSoon);
  if (q.dueSoon === false) where.push(eb.not(dueSoon));
  if (q.assigneeId !== undefined) where.push(eb('assignee_id', '=', q.assigneeId));
  if (q.q !== undefined) {
    for (const word of searchWords(q.q)) {
      where.push(sql<SqlBool>`search_text like ${`%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} escape '\\'`);
    }
  }
  return where;
}

/**
 * @internal the words of a search, each as the stored text holds it: split at white space (the
 * ideographic space U+3000 too), so words apart match apart and in any order (`信用卡 年费`); each
 * folded as the stored text is ({@link searchFold}: NFKC, lower case), so a number typed with a Chinese
 * IME in full-width mode (`ＣＫ２０２６…`) finds `CK2026…` and `coffee` finds text stored as
 * `ｃｏｆｆｅｅ`. Only white space searches for a space, as before. A word given twice (in either
 * width or case) is one condition: a `q` of 100 copies of one word built 100 `like` scans of every row.
 */
const searchWords = (text: string): string[] => {
  const words = text.split(/\s+/).filter((w) => w !== '');
  return [...new Set((words.length > 0 ? words : [text]).map(searchFold))];
};

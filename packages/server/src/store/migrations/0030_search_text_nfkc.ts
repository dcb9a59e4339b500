import { redactText } from '@complaintkit/core/domain';
import { type Kysely, type Migration, sql } from 'kysely';

/** @internal the complaints read per round while the search text is refilled. */
const PAGE = 1000;

/** @internal the fields of a stored document the search text is made of. */
interface Searched {
  id: string;
  description: string;
  requestedResolution?: string | null;
}

/**
 * The search text as 0030 writes it (NFKC, then lower case, personal numbers redacted after the
 * fold), frozen here: the service's `searchTextOf` may change later, this migration must not.
 *
 * @example
 * ```ts
 * foldedSearchText({ id: 'CK20260301-000001', description: 'ｃｏｆｆｅｅ' }); // 'ck20260301-000001\ncoffee\n'
 * ```
 */
export const foldedSearchText = (c: Searched): string =>
  [c.id, redactText(c.description.normalize('NFKC')), c.requestedResolution ? redactText(c.requestedResolution.normalize('NFKC')) : '']
    .join('\n')
    .normalize('NFKC')
    .toLowerCase();

/**
 * The search text as the service wrote it before 0030 (lower case only), what `down` puts back.
 *
 * @example
 * ```ts
 * unfoldedSearchText({ id: 'CK20260301-000001', description: 'ｃｏｆｆｅｅ' }); // 'ck20260301-000001\nｃｏｆｆｅｅ\n'
 * ```
 */
export const unfoldedSearchText = (c: Searched): string =>
  [c.id, redactText(c.description), c.requestedResolution ? redactText(c.requestedResolution) : ''].join('\n').toLowerCase();

/** @internal rewrites every complaint's search text with `text`, page by page in id order, writing only the rows that change. */
async function refill(db: Kysely<unknown>, text: (c: Searched) => string): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (
      await sql<{ id: string; search_text: string; document: string }>`select id, search_text, document from complaints
        where id > ${after} order by id limit ${PAGE}`.execute(db)
    ).rows;
    for (const r of rows) {
      const next = text(JSON.parse(r.document) as Searched);
      if (next !== r.search_text) await sql`update complaints set search_text = ${next} where id = ${r.id}`.execute(db);
    }
    if (rows.length < PAGE) return;
    after = (rows.at(-1) as { id: string }).id;
  }
}

/**
 * Migration 0030_search_text_nfkc: the stored search text folded with NFKC, as the words of `q` are.
 * A word typed full-width found half-width text, but `coffee` did not find `ｃｏｆｆｅｅ` nor `123`
 * find `１２３`: the stored text was only lower-cased. Every complaint's text is made again from its
 * document (only rows whose text changes are written: text without compatibility characters folds to
 * itself); `down` writes the lower-cased text back, so the previous release searches as it did.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await refill(db, foldedSearchText);
  },
  async down(db: Kysely<unknown>) {
    await refill(db, unfoldedSearchText);
  },
};

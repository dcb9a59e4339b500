import { InputError } from '../input/errors.js';
import type { CustomerState, StoredTag } from './engine.js';
import type { ComplaintFacts } from './facts.js';

// The compact text the engine keeps per customer and the state file stores: kept complaints and tags
// as JSON arrays. Apart from the state file (SQLite) so that a read worker can encode facts without
// loading the database driver.

/** @internal a fact as a compact array. */
type FactRow = [string, number, string, 0 | 1, number, string, 0 | 1, number | null, number | null, number | null, boolean | null, number | null, number];
/** @internal a tag as a compact array. */
export type TagRow = [string, 0 | 1, number, number | null, string[], string];

/** @internal */
const NONE: readonly string[] = Object.freeze([]);
/** @internal */
const fromFactRow = (r: FactRow): ComplaintFacts => ({
  id: r[0],
  receivedAt: r[1],
  category: r[2],
  regulator: r[3] === 1,
  severity: r[4],
  priority: r[5] ? r[5].split(',') : NONE,
  undecided: r[6] === 1,
  dueAt: r[7],
  followUpAt: r[8],
  score: r[9],
  accepted: r[10],
  reviewAt: r[11],
  updatedAt: r[12],
});

/** @internal a number or null as JSON. */
const num = (n: number | null): string => (n === null ? 'null' : String(n));
/** @internal a string as JSON: complaint numbers, codes and versions need no escaping, anything else is escaped. */
const str = (s: string): string => (/^[\w:@.|,-]*$/.test(s) ? `"${s}"` : JSON.stringify(s));

/**
 * @internal a string built from parts as one flat string. Concatenation gives a tree of the parts
 * (V8's cons strings: a link of 32 bytes per part, and an encoded complaint has two dozen parts, so
 * the tree is three times the text); V8 flattens a string in place on its first indexed read, which
 * frees the links. For the text the engine keeps.
 */
export const flat = (s: string): string => {
  s.charCodeAt(0);
  return s;
};

/**
 * @internal one kept complaint as the text of a `FactRow`, written out directly rather than through an
 * array and `JSON.stringify` (a full build encodes hundreds of thousands; {@link decodeFacts} reads it
 * back with `JSON.parse`).
 */
export const encodeFact = (f: ComplaintFacts): string =>
  flat(`[${str(f.id)},${f.receivedAt},${str(f.category)},${f.regulator ? 1 : 0},${f.severity},${str(f.priority.join(','))},${f.undecided ? 1 : 0},${num(f.dueAt)},${num(f.followUpAt)},${num(f.score)},${f.accepted === null ? 'null' : f.accepted},${num(f.reviewAt)},${f.updatedAt}]`);

/** @internal kept complaints as the comma-separated text the engine holds ({@link CustomerState.facts}). */
export const encodeFacts = (facts: readonly ComplaintFacts[]): string => {
  let out = '';
  for (let i = 0; i < facts.length; i++) out += `${i ? ',' : ''}${encodeFact(facts[i]!)}`;
  return flat(out);
};

/** @internal the complaints of {@link encodeFacts}' text. */
export const decodeFacts = (text: string): ComplaintFacts[] => (text ? (JSON.parse(`[${text}]`) as FactRow[]).map(fromFactRow) : []);

/**
 * @internal tags as the comma-separated text the engine holds ({@link CustomerState.tags}): the
 * `TagRow`s through one `JSON.stringify` (V8's serializer writes a customer's evidence lists, dozens of
 * complaint numbers for churn risk, about twice as fast as concatenating them here), its brackets cut.
 */
export const encodeTags = (tags: readonly StoredTag[]): string => {
  if (!tags.length) return '';
  const rows = new Array<TagRow>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    rows[i] = [t.code, t.active ? 1 : 0, t.validFrom, t.validUntil, t.evidence as string[], t.version];
  }
  // One tag (most customers): its row as it is; more: the list without its brackets (a slice).
  return rows.length === 1 ? JSON.stringify(rows[0]) : JSON.stringify(rows).slice(1, -1);
};

/** @internal the tags of {@link encodeTags}' text. */
export const decodeTags = (text: string): StoredTag[] =>
  text ? (JSON.parse(`[${text}]`) as TagRow[]).map((t): StoredTag => ({ code: t[0], active: t[1] === 1, validFrom: t[2], validUntil: t[3], evidence: t[4], version: t[5] })) : [];

/** @internal the complaint numbers of {@link encodeFacts}' text, without decoding the rest: each fact starts `["<number>",`. */
export const factIds = (text: string): string[] => {
  const ids: string[] = [];
  for (const m of text.matchAll(FACT_ID)) ids.push(m[1]!);
  return ids;
};
/** @internal complaint numbers are written plain (never escaped): see {@link str}. */
const FACT_ID = /(?:^|\],)\["([^"\\]*)"/g;

/** @internal one customer's state as the text of its row: the JSON of `[FactRow[], TagRow[]]`. */
export const encodeCustomer = (c: CustomerState): string => `[[${c.facts}],[${c.tags}]]`;

/**
 * @internal a row's text back into the engine's two texts, split where the complaints' list closes
 * (strings skipped), without parsing either.
 */
export const decodeCustomer = (id: string, text: string, revisitAt: number | null): CustomerState => {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 92) i++;
      else if (c === 34) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 91) depth++;
    else if (c === 93 && --depth === 1) return { id, revisitAt, facts: text.slice(2, i), tags: text.slice(i + 3, -2) };
  }
  throw new InputError('tag state', null, null, 'a customer row of the state file is damaged; run a full build (--full)');
};


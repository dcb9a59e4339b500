import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { InputError } from '../input/errors.js';
import { readLines } from '../input/read-lines.js';
import type { ComplaintFacts } from './facts.js';
import { type CustomerState, type StoredTag, TagEngine, type TagEngineOptions } from './engine.js';

/** @internal the snapshot format; bumped when the layout changes. */
const FORMAT = 'complaintkit-tags-state/1';

/** @internal a fact as a compact array. */
type FactRow = [string, number, string, 0 | 1, number, string, 0 | 1, number | null, number | null, number | null, boolean | null, number | null, number];
/** @internal a tag as a compact array. */
type TagRow = [string, 0 | 1, number, number | null, string[], string];

/** @internal */
const factRow = (f: ComplaintFacts): FactRow => [
  f.id,
  f.receivedAt,
  f.category,
  f.regulator ? 1 : 0,
  f.severity,
  f.priority.join(','),
  f.undecided ? 1 : 0,
  f.dueAt,
  f.followUpAt,
  f.score,
  f.accepted,
  f.reviewAt,
  f.updatedAt,
];
/** @internal */
const fromFactRow = (r: FactRow): ComplaintFacts => ({
  id: r[0],
  receivedAt: r[1],
  category: r[2],
  regulator: r[3] === 1,
  severity: r[4],
  priority: r[5] ? r[5].split(',') : [],
  undecided: r[6] === 1,
  dueAt: r[7],
  followUpAt: r[8],
  score: r[9],
  accepted: r[10],
  reviewAt: r[11],
  updatedAt: r[12],
});

/**
 * Writes the engine's state to `file` (NDJSON, one customer a line, no personal data), first under a
 * temporary name, renamed when complete: a crash never leaves half a snapshot.
 *
 * @example
 * ```ts
 * await writeSnapshot(engine, 'state/tags-state.ndjson');
 * ```
 */
export async function writeSnapshot(engine: TagEngine, file: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    await write(
      `${JSON.stringify({ format: FORMAT, rules: engine.rulesDigest, ruleSetVersion: engine.rules.version, asOf: engine.asOf, seq: engine.seq, cursor: engine.cursor })}\n`,
    );
    let batch = '';
    for (const [id, c] of engine.customers) {
      const tags: TagRow[] = c.tags.map((t) => [t.code, t.active ? 1 : 0, t.validFrom, t.validUntil, [...t.evidence], t.version]);
      batch += `${JSON.stringify([id, c.revisitAt, c.facts.map(factRow), tags])}\n`;
      if (batch.length > 1 << 16) {
        await write(batch);
        batch = '';
      }
    }
    await write(batch);
    out.end();
    await once(out, 'finish');
    await rename(tmp, file);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Restores an engine from a snapshot written by {@link writeSnapshot}. A snapshot made under other
 * rules is refused: run a full build instead.
 *
 * @example
 * ```ts
 * const engine = await readSnapshot('state/tags-state.ndjson', { rules });
 * ```
 */
export async function readSnapshot(file: string, options: TagEngineOptions): Promise<TagEngine> {
  const engine = new TagEngine(options);
  let header = true;
  for await (const { text, line } of readLines(file)) {
    const data = JSON.parse(text);
    if (header) {
      if (data.format !== FORMAT) throw new InputError(file, line, 'format', `not a tag-state snapshot of format ${FORMAT}`);
      if (data.rules !== engine.rulesDigest) {
        throw new InputError(file, line, 'rules', `made under other rules (set ${data.ruleSetVersion}); run a full build (--full) with the new rules`);
      }
      engine.asOf = data.asOf;
      engine.seq = data.seq;
      engine.cursor = data.cursor;
      header = false;
      continue;
    }
    const [id, revisitAt, facts, tags] = data as [string, number | null, FactRow[], TagRow[]];
    const state: CustomerState = {
      revisitAt,
      facts: facts.map(fromFactRow),
      tags: tags.map(
        (t): StoredTag => ({ code: t[0], active: t[1] === 1, validFrom: t[2], validUntil: t[3], evidence: t[4], version: t[5] }),
      ),
    };
    engine.customers.set(id, state);
    for (const f of state.facts) engine.owners.set(f.id, id);
  }
  if (header) throw new InputError(file, null, null, 'empty snapshot');
  return engine;
}

import type pg from 'pg';

/** @internal how many named (server-side prepared) statements one PostgreSQL connection keeps at most. */
const NAMED_STATEMENTS = 300;

/** @internal how many of those a statement run only once may hold (the rest are for the statements run again). */
const ONCE_PLACES = 60;

/** @internal how many SQL texts get a name before the names start again (names are never reused). */
const KNOWN_TEXTS = 10_000;

/**
 * Appended to a statement's text (see `compiledOnce`'s `thenCommit`): on PostgreSQL the transaction's
 * `commit` is written right behind that statement, in the same network write, instead of one round
 * trip later. For the last statement of a write transaction only: the statement answers once the
 * commit has, and with the commit's error if it failed. A line comment, without `*`: a text with `*`
 * never gets a named statement (see {@link pipelinedClients}), and this marker once kept every
 * creation's statement from being prepared (parsed and planned again on every creation).
 *
 * @example
 * ```ts
 * await compiledOnce(tx, 'idempotency record', values, build, { thenCommit: true });
 * ```
 */
export const THEN_COMMIT = ' -- ck: then commit';

/** @internal where a client is in its transaction, as this wrapper sees it. */
type TxState =
  /** no transaction, or one whose `begin` went out */
  | 'idle'
  /** `begin` asked for and answered, not sent yet: it goes out with the next statement */
  | 'begin-held'
  /** `begin` sent */
  | 'open'
  /** committed (or rolled back) with a {@link THEN_COMMIT} statement: the caller's own `commit`/`rollback` is answered without a round trip */
  | 'ended';

/** @internal a result for a `begin`, `commit` or `rollback` answered without a round trip. */
const answered = (command: string): pg.QueryResult => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });

type Query = (...args: unknown[]) => Promise<pg.QueryResult>;

/**
 * The pool as Kysely's PostgreSQL dialect uses it, with two things added to every client (the pool
 * must be made with `pipeline: true`, so that statements written together are answered in order
 * without waiting for each other):
 *
 * - **Named statements:** each SQL text runs as a named statement, so PostgreSQL parses and plans it
 *   once per connection instead of on every query (Kysely passes text and values; pg would send them
 *   unnamed). A connection keeps at most {@link NAMED_STATEMENTS} of them, and the statements run
 *   again keep their places: those run only once (lists with variable `in (…)` make many) take each
 *   other's (see `Prepared`). Never a text with `*`: a `select *` kept prepared would fail with
 *   "cached plan must not change result type" once another instance's migration adds a column.
 * - **Fewer round trips per transaction:** a transaction's `begin` is answered at once and written with
 *   its first statement (one write, two answers read in order); a statement marked {@link THEN_COMMIT}
 *   is written with the `commit` behind it. A write transaction of n statements then costs n round
 *   trips instead of n + 2. The first statement answers with `begin`'s error if that failed (it cannot
 *   on a healthy connection outside a transaction: its only failures are the connection's, which fail
 *   the statement too). After a `THEN_COMMIT` statement nothing else runs on the client until the
 *   caller's own `commit` or `rollback`, which are answered without a round trip.
 *
 * @example
 * ```ts
 * new PostgresDialect({ pool: pipelinedClients(new pg.Pool({ connectionString, pipeline: true })) });
 * ```
 */
export function pipelinedClients(pool: pg.Pool): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  const names = new Map<string, string>();
  let next = 0;
  const nameOf = (text: string): string | undefined => {
    if (text.includes('*')) return undefined;
    let name = names.get(text);
    if (name === undefined) {
      // Past this many texts most are rare ones: forget them all. A text seen again gets a new name
      // (a name is never given to two texts: a connection may still hold the old one).
      if (names.size >= KNOWN_TEXTS) names.clear();
      name = `ck_${next++}`;
      names.set(text, name);
    }
    return name;
  };
  const wrapped = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      if (!wrapped.has(client)) {
        wrapped.add(client);
        wrap(client, nameOf);
        // A client handed out loses the pool's error listener: its connection ending (the database
        // restarted, failed over, or ended the session) emitted an 'error' no one heard, which ended the
        // process. The statement it ran fails anyway, and the pool drops the client when it comes back.
        client.on('error', () => {});
      }
      return client;
    },
    end: () => pool.end(),
  };
}

/**
 * @internal the named statements one connection holds, at most {@link NAMED_STATEMENTS}: a segmented
 * least-recently-used list. A statement enters the `once` segment (at most {@link ONCE_PLACES}) and
 * moves to `again` when it runs a second time; room is made in `once` first, so a flood of statements
 * run once (an `in (…)` list of each length, a report's shape, an import's last chunk) takes the
 * places of each other, never those of the statements every request runs.
 */
class Prepared {
  readonly #once = new Set<string>();
  readonly #again = new Set<string>();

  /** Whether `name` is prepared here (and marks it used). */
  use(name: string): boolean {
    if (this.#again.delete(name)) {
      this.#again.add(name);
      return true;
    }
    if (this.#once.delete(name)) {
      this.#again.add(name);
      // The `again` segment is bounded too: its least recently used goes back to `once`.
      if (this.#again.size > NAMED_STATEMENTS - ONCE_PLACES) {
        const [oldest] = this.#again;
        this.#again.delete(oldest as string);
        this.#once.add(oldest as string);
      }
      return true;
    }
    return false;
  }

  /** The statement to deallocate to make room for a new one (undefined: there is room). */
  evictee(): string | undefined {
    if (this.#once.size + this.#again.size < NAMED_STATEMENTS && this.#once.size < ONCE_PLACES) return undefined;
    const [oldest] = this.#once.size > 0 ? this.#once : this.#again;
    return oldest;
  }

  /** Forgets `name` (deallocated). */
  drop(name: string): void {
    this.#once.delete(name);
    this.#again.delete(name);
  }

  /** Records `name` as prepared, run once. */
  add(name: string): void {
    this.#once.add(name);
  }
}

/** @internal replaces `client.query` with the named, begin- and commit-pipelining one. */
function wrap(client: pg.PoolClient, nameOf: (text: string) => string | undefined): void {
  const query = client.query.bind(client) as Query;
  const connection = (
    client as unknown as {
      connection: { stream: { cork(): void; uncork(): void }; parsedStatements: Record<string, string>; submittedNamedStatements: Record<string, string> };
    }
  ).connection;
  const stream = connection.stream;
  const prepared = new Prepared();
  let state: TxState = 'idle';
  /** The command a pipelined commit answered (`COMMIT`, or `ROLLBACK` when the transaction had failed). */
  let ended = 'COMMIT';
  /**
   * The name `text` runs under on this connection, if any, room made for it: the least used statement
   * deallocated, written before whatever follows. `deallocate` is not transactional and cannot fail
   * on a statement the connection parsed, but in a transaction that already failed: then the statement
   * is kept as it was (as the transaction's next statements, this one fails).
   */
  const nameHere = (text: string): string | undefined => {
    const name = nameOf(text);
    if (name === undefined || prepared.use(name)) return name;
    const evictee = prepared.evictee();
    if (evictee !== undefined) {
      // Still being parsed (written with a statement not answered yet): no room this time.
      if (connection.submittedNamedStatements[evictee] !== undefined) return undefined;
      prepared.drop(evictee);
      const parsed = connection.parsedStatements[evictee];
      // Not parsed at all (its parse failed): nothing to deallocate.
      if (parsed !== undefined) {
        delete connection.parsedStatements[evictee];
        query(`deallocate ${evictee}`).catch(() => {
          connection.parsedStatements[evictee] = parsed;
          prepared.add(evictee);
        });
      }
    }
    prepared.add(name);
    return name;
  };
  const run = (text: string, values: unknown[]) => {
    const name = nameHere(text);
    return name === undefined ? query(text, values) : query({ name, text, values });
  };
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    // Callbacks, config objects, cursors: passed through as they are (none of these opens or closes a transaction here).
    if (typeof text !== 'string' || rest.length > 0 || (values !== undefined && !Array.isArray(values))) return query(text, values, ...rest);
    const params = (values ?? []) as unknown[];
    if (params.length === 0) {
      if (text === 'begin' && state === 'idle') {
        state = 'begin-held';
        return Promise.resolve(answered('BEGIN'));
      }
      if (text === 'commit' || text === 'rollback') {
        // Nothing was sent since the begin: there is nothing to commit or roll back.
        if (state === 'begin-held') {
          state = 'idle';
          return Promise.resolve(answered(text.toUpperCase()));
        }
        if (state === 'ended') {
          state = 'idle';
          return Promise.resolve(answered(text === 'commit' ? ended : 'ROLLBACK'));
        }
        state = 'idle';
        return run(text, params);
      }
    }
    if (state === 'ended') return Promise.reject(new Error('statement after its transaction committed: only commit or rollback may follow a THEN_COMMIT statement'));
    const thenCommit = text.endsWith(THEN_COMMIT) && state !== 'idle';
    if (state !== 'begin-held' && !thenCommit) return run(text, params);
    // One write: [deallocate,] [begin,] the statement[, commit]; pipelined, so the answers come back in that order.
    stream.cork();
    const name = nameHere(text);
    const begun = state === 'begin-held' ? query('begin') : undefined;
    state = 'open';
    const result = name === undefined ? query(text, params) : query({ name, text, values: params });
    const committed = thenCommit ? query('commit') : undefined;
    if (thenCommit) state = 'ended';
    stream.uncork();
    return settle(begun, result, committed, (command) => {
      ended = command;
    });
  }) as typeof client.query;
}

/** @internal the statement's answer once all of the write's answers are in, with the first error among them. */
async function settle(
  begun: Promise<pg.QueryResult> | undefined,
  result: Promise<pg.QueryResult>,
  committed: Promise<pg.QueryResult> | undefined,
  onCommitted: (command: string) => void,
): Promise<pg.QueryResult> {
  const [b, r, c] = await Promise.allSettled([begun, result, committed]);
  if (b.status === 'rejected') throw b.reason;
  if (c.status === 'fulfilled' && c.value) onCommitted(c.value.command);
  if (r.status === 'rejected') throw r.reason;
  if (c.status === 'rejected') throw c.reason;
  // A commit that rolled back (the transaction had failed before this statement, which then failed too).
  if (c.value?.command === 'ROLLBACK') throw new Error('the transaction was rolled back at its commit');
  return r.value;
}

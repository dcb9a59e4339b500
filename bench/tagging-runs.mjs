// What the tagging side-by-side benches share: one CLI run of a `dist` under /usr/bin/time, and the
// checksums of what a run wrote, so two builds' outputs are compared byte for byte.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Runs `node DIST/cli.js ARGS` under /usr/bin/time: wall, user and system seconds, peak RSS (MB), and its output. */
export function timedRun(dist, args) {
  const cmd = `/usr/bin/time -f '@@ %e %U %S %M' node ${resolve(dist, 'cli.js')} ${args.map((a) => `'${a}'`).join(' ')} 2>&1`;
  const out = execFileSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = /@@ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
  if (!t) throw new Error(out);
  return { wall: Number(t[1]), user: Number(t[2]), sys: Number(t[3]), rss: Number(t[4]) / 1024, out };
}

/** better-sqlite3 as the tagging package resolves it. */
const Database = createRequire(new URL('../packages/tagging/package.json', import.meta.url))('better-sqlite3');

/**
 * Checksums of a state file's content (not its bytes: a full build's header carries a random event-log
 * id, and rows may sit in other pages): the header without that id, every customer's row and text
 * in id order, every owner in complaint-number order.
 */
export function stateDigest(file) {
  const db = new Database(file, { readonly: true });
  try {
    const meta = JSON.parse(db.prepare("select value from meta where key = 'state'").get().value);
    delete meta.log;
    const digest = (rows) => {
      const h = createHash('sha256');
      for (const r of rows) h.update(`${JSON.stringify(r)}\n`);
      return h.digest('hex');
    };
    return {
      'state: header': JSON.stringify(meta),
      'state: customers': digest(db.prepare('select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id order by c.id').iterate()),
      'state: owners': digest(db.prepare('select complaint_id, customer_id from owners order by complaint_id').iterate()),
    };
  } finally {
    db.close();
  }
}

/** The checksums of every export file and event-log file a run wrote into DIR/out and DIR/state, by name. */
export function outputDigest(dir) {
  const out = {};
  for (const e of readdirSync(join(dir, 'out'))) {
    for (const f of JSON.parse(readFileSync(join(dir, 'out', e, 'manifest.json'), 'utf8')).files) out[`${e}/${f.name}`] = f.sha256;
  }
  for (const f of readdirSync(join(dir, 'state', 'events'))) {
    const text = readFileSync(join(dir, 'state', 'events', f), 'utf8');
    out[`events/${f}`] = createHash('sha256').update(text).digest('hex');
    // The same events whichever shape the log has (before 0.2 each carried its `previous`, since then
    // `wasActive`): what changed across that format change is compared by this one.
    const events = createHash('sha256');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const { previous: _p, wasActive: _w, ...e } = JSON.parse(line);
      events.update(`${JSON.stringify(e)}\n`);
    }
    out[`events/${f} without previous/wasActive`] = events.digest('hex');
  }
  return out;
}

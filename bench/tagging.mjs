// The tagging benchmark: a full tag build and export of the generated history through the
// `complaintkit-tags` command, an incremental run of the new complaints on top, and the same rules as
// SQL in DuckDB on the same file, side by side; the per-tag counts of the two are compared too.
//   node bench/tagging-generate.mjs 1000000 300000 10000     # once: writes bench/.data/
//   node bench/tagging.mjs [complaints=1000000] [new=10000] [rounds=1]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { BUILT_IN_RULES, readNdjson, readSnapshot } from '@complaintkit/tagging';

const [N = 1_000_000, M = 10_000, ROUNDS = 1] = process.argv.slice(2).map(Number);
const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, '.data', `tagging-${N}.ndjson`);
const fresh = join(here, '.data', `tagging-${N}-new-${M}.ndjson`);
const cli = join(here, '..', 'packages', 'tagging', 'dist', 'cli.js');
const AS_OF = '2026-11-29T00:00:00+08:00';
const NEXT = '2026-11-30T00:00:00+08:00';

/** Runs the command under /usr/bin/time: wall seconds and peak RSS in MB. */
function run(args) {
  const r = execFileSync('bash', ['-c', `/usr/bin/time -f '@@ %e %M' node ${cli} ${args.map((a) => `'${a}'`).join(' ')} 2>&1`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /@@ ([\d.]+) (\d+)/.exec(r);
  if (!m) throw new Error(r);
  return { seconds: Number(m[1]), rssMb: Number(m[2]) / 1024, output: r };
}

const DAY = 86_400_000;
const T = Date.parse(AS_OF);
const SQL = `
create or replace table c as
  select id, customerId as cust, businessCategory as cat, intakeChannel as intake, severity, status, priorityGroups as pg,
    epoch_ms(receivedAt::timestamptz) as r, epoch_ms(decisionDueAt::timestamptz) as due,
    epoch_ms(followUpAt::timestamptz) as fu, satisfactionScore as score, decisionAccepted as acc,
    epoch_ms(reviewRequestedAt::timestamptz) as rv
  from read_json('${data}', format = 'newline_delimited', columns = {
    id: 'VARCHAR', status: 'VARCHAR', receivedAt: 'VARCHAR', updatedAt: 'VARCHAR', intakeChannel: 'VARCHAR',
    businessCategory: 'VARCHAR', severity: 'VARCHAR', customerId: 'VARCHAR',
    priorityGroups: 'STRUCT("group" VARCHAR, basis VARCHAR)[]', decisionDueAt: 'VARCHAR', respondedAt: 'VARCHAR',
    followUpAt: 'VARCHAR', satisfactionScore: 'INTEGER', decisionAccepted: 'BOOLEAN', reviewRequestedAt: 'VARCHAR'})
  where customerId is not null and status not in ('merged', 'declined');
create or replace table tags as
with w as (select * from c where r <= ${T}),
repeat as (
  select cust, 'repeat_complainer' as code, list(id order by r) as evidence, min(r) as vfrom, max(r) + ${90 * DAY} as vuntil
  from w where r > ${T - 90 * DAY} group by cust having count(*) >= 3),
recent as (
  select cust, 'recent_complaint:' || cat as code, list(id order by r), min(r), max(r) + ${30 * DAY}
  from w where r > ${T - 30 * DAY} group by cust, cat),
unhappy as (
  select cust, id, fu as t from w where fu > ${T - 90 * DAY} and fu <= ${T} and (score <= 2 or acc = false)
  union all select cust, id, rv from w where rv > ${T - 90 * DAY} and rv <= ${T}),
dissatisfied as (
  select cust, 'dissatisfied_after_response', list(distinct id), min(t), max(t) + ${90 * DAY} from unhappy group by cust),
regulator as (
  select cust, 'regulator_referred', list(id order by r), min(r), max(r) + ${365 * DAY}
  from w where r > ${T - 365 * DAY} and intake = 'regulator_transfer' group by cust),
sensitive as (
  select cust, 'sensitive_case', list(id order by r), min(r), max(r) + ${365 * DAY}
  from w where r > ${T - 365 * DAY} and severity in ('sensitive', 'major') group by cust),
priority as (
  select cust, 'priority_group:' || g."group", list(id order by r), min(r), max(r) + ${365 * DAY}
  from (select cust, id, r, unnest(pg) as g from w where r > ${T - 365 * DAY}) where g.basis = 'verified' group by cust, g."group"),
overdue as (
  select cust, 'open_overdue_complaint', list(id order by due), min(due), null::bigint
  from w where status in ('registered', 'accepted', 'in_progress', 'on_hold', 'escalated') and due < ${T} group by cust),
churn_in as (
  select cust, list(id order by r) as ev, count(*) as n, max(r) as last, min(r) + ${180 * DAY} as vuntil,
    max(case when intake = 'regulator_transfer' or severity in ('sensitive', 'major') then 1.0 when severity = 'complex' then 0.5 else 0 end) as sev,
    max(case when (rv is not null and rv <= ${T}) or (fu is not null and fu <= ${T} and (acc = false or score <= 2)) then 1.0
             when fu is not null and fu <= ${T} and score = 3 then 0.5 else 0 end) as dis
  from w where r > ${T - 180 * DAY} group by cust),
churn as (
  select cust, 'churn_risk:' || case when s >= 0.7 then 'high' when s >= 0.4 then 'medium' else 'low' end, ev, last, vuntil
  from (select *, round((0.3 * case when ${T} - last < ${30 * DAY} then 1 when ${T} - last < ${90 * DAY} then 0.5 else 0 end
    + 0.3 * least(n / 3, 1) + 0.2 * sev + 0.2 * dis), 4) as s from churn_in))
select * from repeat union all select * from recent union all select * from dissatisfied union all select * from regulator
union all select * from sensitive union all select * from priority union all select * from overdue union all select * from churn;
`;

async function duck(out) {
  const started = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(SQL);
  await con.run(`copy (select cust || '|' || code as key, * from tags order by key) to '${out}' (header, delimiter ',')`);
  const counts = Object.fromEntries((await con.runAndReadAll('select code, count(*)::integer from tags group by code order by code')).getRows());
  const seconds = (performance.now() - started) / 1000;
  con.closeSync();
  return { seconds, counts };
}

const rows = [];
for (let round = 1; round <= ROUNDS; round++) {
  const dir = mkdtempSync(join(tmpdir(), 'ck-tag-bench-'));
  const load = loadavg()[0].toFixed(1);
  const d = await duck(join(dir, 'duck.csv'));
  const full = run(['build', '--input', data, '--full', '--as-of', AS_OF, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
  // The engine alone on the same state, in this process: snapshot load, then the run.
  let t = performance.now();
  const engine = await readSnapshot(join(dir, 'state', 'tags-state.sqlite'), { rules: BUILT_IN_RULES });
  const loadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await engine.run(readNdjson(fresh), { asOf: NEXT });
  const runSeconds = (performance.now() - t) / 1000;
  const inc = run(['build', '--input', fresh, '--as-of', NEXT, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
  const snap = readdirSync(join(dir, 'out')).find((n) => n.startsWith('snapshot-'));
  const manifest = JSON.parse(readFileSync(join(dir, 'out', snap, 'manifest.json'), 'utf8'));
  const ours = Object.fromEntries(Object.entries(manifest.counts.byTag).map(([k, v]) => [k, v.upserts]));
  const diff = Object.keys({ ...ours, ...d.counts }).filter((k) => ours[k] !== d.counts[k]).map((k) => `${k}: ours ${ours[k] ?? 0}, DuckDB ${d.counts[k] ?? 0}`);
  rows.push({ round, load, duck: d.seconds, full: full.seconds, rss: full.rssMb, inc: inc.seconds, incRss: inc.rssMb, loadSeconds, runSeconds, tags: manifest.counts.rows, diff });
  rmSync(dir, { recursive: true, force: true });
}
for (const r of rows) {
  console.log(`round ${r.round} (load average ${r.load} on ${availableParallelism()} cores)`);
  console.log(`  DuckDB SQL, same rules:       ${r.duck.toFixed(1)} s  (${Math.round(N / r.duck).toLocaleString('en')} complaints/s)`);
  console.log(`  complaintkit-tags --full:     ${r.full.toFixed(1)} s  (${Math.round(N / r.full).toLocaleString('en')} complaints/s), peak RSS ${r.rss.toFixed(0)} MB, ${r.tags} tags`);
  console.log(`  ratio ours / DuckDB:          ${(r.full / r.duck).toFixed(2)}×`);
  console.log(`  incremental, ${M} new:        ${r.inc.toFixed(2)} s whole command (snapshot load + run + delta + snapshot write), peak RSS ${r.incRss.toFixed(0)} MB`);
  console.log(`    of which: state open ${r.loadSeconds.toFixed(2)} s, engine run ${r.runSeconds.toFixed(2)} s (in process)`);
  console.log(`  per-tag counts equal to DuckDB's: ${r.diff.length ? `no\n    ${r.diff.join('\n    ')}` : 'yes'}`);
}

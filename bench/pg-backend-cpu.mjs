// PostgreSQL's own CPU time while a benchmark loads the service: the user + system time (from /proc)
// of the server processes that serve one database (its backends) and of all of the server's processes
// (backends of every database, the WAL writer, checkpointer, autovacuum...). Needs PostgreSQL on this
// machine (the benchmarks' throwaway one, or any local server whose /proc entries are readable).
// Usage:
//   const meter = await pgCpuMeter(adminUrl);            // a pg connection to any database of the server
//   const before = await meter.sample('ck_bench_this');  // { database: Map, all: Map } pid -> ms
//   ... load ...
//   const { database, all } = meter.since(before, await meter.sample('ck_bench_this')); // ms spent in between
//   await meter.close();
// A backend started during the load counts from 0 (its whole life is in the window); one that ended
// during the load is lost (the pools here keep their connections while loaded).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// pg is the server package's dependency: load the same one.
const pg = createRequire(new URL('../packages/server/package.json', import.meta.url))('pg');

/** @returns {number | undefined} the process's user + system CPU time in ms, or undefined when gone. */
function cpuMsOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

export async function pgCpuMeter(adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const adminPid = (await admin.query('select pg_backend_pid() as pid')).rows[0].pid;
  const read = (pids) => new Map(pids.flatMap((pid) => (pid === adminPid ? [] : [[pid, cpuMsOf(pid)]])).filter(([, ms]) => ms !== undefined));
  return {
    async sample(database) {
      // pg_stat_activity lists backends and the background processes (walwriter, checkpointer, ...).
      const { rows } = await admin.query('select pid, datname from pg_stat_activity');
      return { database: read(rows.filter((r) => r.datname === database).map((r) => r.pid)), all: read(rows.map((r) => r.pid)) };
    },
    since(before, after) {
      const spent = (b, a) => [...a].reduce((sum, [pid, ms]) => sum + ms - (b.get(pid) ?? 0), 0);
      return { database: spent(before.database, after.database), all: spent(before.all, after.all) };
    },
    close: () => admin.end(),
  };
}

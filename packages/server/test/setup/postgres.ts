import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Vitest global setup: gives the tests a PostgreSQL server. With DATABASE_URL set, that one is used;
 * otherwise a throwaway server is started from /usr/lib/postgresql/15/bin (installed with apt when
 * missing and running as root), run as the `postgres` user, and stopped at teardown. Without
 * PostgreSQL the run fails, unless CK_SKIP_POSTGRES=1.
 */
const BIN = '/usr/lib/postgresql/15/bin';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const asPostgres = (command: string) => {
  const root = process.getuid?.() === 0;
  const r = root
    ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { encoding: 'utf8' })
    : spawnSync('/bin/bash', ['-c', command], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`PostgreSQL setup failed (${command.split(' ')[0]}): ${r.stderr || r.stdout}`);
};

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('databaseUrl', process.env.DATABASE_URL);
    return;
  }
  if (process.env.CK_SKIP_POSTGRES === '1') {
    project.provide('databaseUrl', null);
    return;
  }
  if (!existsSync(`${BIN}/initdb`) && process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', 'postgresql'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(`${BIN}/initdb`)) {
    throw new Error(
      `PostgreSQL 15 binaries are missing (${BIN}). Install them (apt-get install -y postgresql), set DATABASE_URL to a server, or set CK_SKIP_POSTGRES=1 to run the SQLite half only.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'ck-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres(`${BIN}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  asPostgres(
    `${BIN}/pg_ctl -D ${data} -l ${dir}/log -w start -o "-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null`,
  );
  project.provide('databaseUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      asPostgres(`${BIN}/pg_ctl -D ${data} -m immediate -w stop >/dev/null`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type RunningServer, silentLogger, startServer } from '../../src/index.js';
import type { ServerOptions } from '../../src/config.js';
import { FIXTURE_BANK, STAFF } from './fixture-bank.js';

export type Backend = 'sqlite' | 'postgres';

/** A JSON body as the assertions read it. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON that each test asserts on.
export type AnyJson = any;

/** The backends to run against: SQLite always, PostgreSQL unless CK_SKIP_POSTGRES=1. */
export const BACKENDS: Backend[] = inject('databaseUrl') ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh PostgreSQL database on the test server, for one suite. */
export async function freshDatabase(): Promise<string> {
  const admin = inject('databaseUrl') as string;
  const name = `ck_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  /** The PostgreSQL database of this server (undefined on SQLite). */
  readonly databaseUrl: string | undefined;
  /** A token for a fixture staff member by id, a customer (`customer:<id>`) or the system (`system`). */
  token(who: string): Promise<string>;
  api(method: string, path: string, init?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: AnyJson; headers: Headers }>;
  close(): Promise<void>;
}

/** Starts a server on port 0 with the fixture bank, on the given backend. */
export async function startTestServer(backend: Backend, options: Partial<ServerOptions> & { fixture?: boolean } = {}): Promise<TestServer> {
  const { fixture = true, ...serverOptions } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-test-'));
  const databaseUrl = backend === 'postgres' ? (options.databaseUrl ?? (await freshDatabase())) : undefined;
  const server = await startServer({ port: 0, dataDir, databaseUrl, jwtSecret: 'test-secret-0123456789abcdef', logger: silentLogger, pollMs: 50, ...serverOptions });
  if (fixture) await server.store.importDemoBank(FIXTURE_BANK);
  const cache = new Map<string, string>();
  const token = async (who: string) => {
    const cached = cache.get(who);
    if (cached) return cached;
    let t: string;
    if (who === 'system') t = await server.issueToken({ sub: 'sys-import', kind: 'system' }, '30d');
    else if (who.startsWith('customer:')) t = await server.issueToken({ sub: who.slice(9), kind: 'customer' }, '30d');
    else {
      const s = STAFF.find((m) => m.id === who);
      if (!s) throw new Error(`no fixture staff ${who}`);
      t = await server.issueToken({ sub: s.id, kind: 'staff', role: s.role, org: s.orgId }, '30d');
    }
    cache.set(who, t);
    return t;
  };
  return {
    server,
    url: server.url,
    databaseUrl,
    token,
    async api(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers,
        ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body, headers: res.headers };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

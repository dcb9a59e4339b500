import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** The built command, as `npm start` runs it. */
const CLI = join(import.meta.dirname, '../dist/cli.js');

/**
 * A free-looking port away from 8787 (the default a developer may be running) and below Linux's
 * ephemeral range (32768 and up), where the other test files' outgoing connections (PostgreSQL,
 * fetch) take their local ports: 34226 was once taken that way and serve exited with "in use".
 */
const randomPort = () => 20_000 + Math.floor(Math.random() * 12_000);

const running: { child: ChildProcess; dir: string }[] = [];
afterEach(() => {
  for (const { child, dir } of running.splice(0)) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts `complaintkit-server serve` and resolves with its output once the tokens are printed. */
function serve(args: string[], env: Record<string, string> = {}, until = 'examples/node-client reads them', dir = mkdtempSync(join(tmpdir(), 'ck-cli-'))): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the server first (pnpm --filter @complaintkit/server build)`);
  const { DATABASE_URL: _pg, PORT: _port, ...inherited } = process.env;
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dir, '--months', '1', ...args], { env: { ...inherited, ...env } });
  running.push({ child, dir });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes(until)) resolve(out);
    });
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

describe('complaintkit-server serve (npm start)', () => {
  it('listens on --port, says that it seeds, and prints the address and tokens last', async () => {
    const port = randomPort();
    const out = await serve(['--port', String(port)]);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^Seeding demo data into the empty database/);
    const listening = lines.findIndex((l) => l.startsWith('ComplaintKit server listening on'));
    expect(lines[listening]).toContain(`http://127.0.0.1:${port}`);
    expect(listening).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Seeded ')));
    expect(out.slice(out.indexOf('Demo tokens'))).toContain(`curl -H "Authorization: Bearer`);
    expect((await fetch(`http://127.0.0.1:${port}/openapi.json`)).status).toBe(200);
  });

  it('takes the port from PORT when --port is not given', async () => {
    const port = randomPort();
    const out = await serve([], { PORT: String(port) });
    expect(out).toContain(`listening on http://127.0.0.1:${port}`);
  });
});

/** Runs a one-shot command of the CLI to its end. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _pg, ...env } = process.env;
  const child = spawn(process.execPath, [CLI, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('complaintkit-server directory (a bank of its own)', () => {
  it('refuses a bad file by place, loads a good one, and serve then neither seeds the demo bank nor prints demo tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-cli-dir-'));
    const bank = {
      organisations: [
        { id: 'HQ', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000' },
        { id: '4400', parentId: 'HQ', kind: 'branch', name: '广东分行', regionCode: '440000' },
      ],
      staff: [{ id: 'e1001', orgId: '4400', role: 'manager', name: '陈经理' }],
    };
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...bank, organisations: [bank.organisations[0], { ...bank.organisations[1], regionCode: '449900' }] }));
    const refused = await run(['directory', bad, '--data', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('organisations[1].regionCode: not on the GB/T 2260 list');
    expect(refused.stderr).toContain('nothing written');

    const good = join(dir, 'bank.json');
    writeFileSync(good, JSON.stringify(bank));
    const loaded = await run(['directory', good, '--data', dir]);
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout).toContain('Loaded: organisations 2 added, 0 updated; staff 1 added');
    expect(loaded.code).toBe(0);

    const out = await serve(['--port', String(randomPort())], {}, 'No demo tokens', dir);
    expect(out).toContain('The database already has data; not seeding');
    expect(out).not.toContain('Demo tokens');
  });

  it('serve --no-demo leaves an empty database empty (a bank deploying on a new database)', async () => {
    const out = await serve(['--port', String(randomPort()), '--no-demo'], {}, 'No demo tokens');
    expect(out).toContain('The database is empty and --no-demo is set');
    expect(out).not.toContain('Seeding demo data');
  });
});

describe('complaintkit-server COMMAND --help', () => {
  it.each(['serve', 'seed', 'import', 'directory', 'train'])('%s --help prints the usage and exits 0, touching nothing', async (command) => {
    const cwd = mkdtempSync(join(tmpdir(), 'ck-cli-help-'));
    const { DATABASE_URL: _pg, ...env } = process.env;
    const child = spawn(process.execPath, [CLI, command, '--help'], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`complaintkit-server ${command}`);
    expect(readdirSync(cwd)).toEqual([]); // no ./data folder made, no database opened
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** The built command, as `npm start` runs it. */
const CLI = join(import.meta.dirname, '../dist/cli.js');

/** A free-looking port away from 8787 (the default a developer may be running). */
const randomPort = () => 20_000 + Math.floor(Math.random() * 20_000);

const running: { child: ChildProcess; dir: string }[] = [];
afterEach(() => {
  for (const { child, dir } of running.splice(0)) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts `complaintkit-server serve` and resolves with its output once the tokens are printed. */
function serve(args: string[], env: Record<string, string> = {}): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the server first (pnpm --filter @complaintkit/server build)`);
  const dir = mkdtempSync(join(tmpdir(), 'ck-cli-'));
  const { DATABASE_URL: _pg, PORT: _port, ...inherited } = process.env;
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dir, '--months', '1', ...args], { env: { ...inherited, ...env } });
  running.push({ child, dir });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('examples/node-client reads them')) resolve(out);
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

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { TagEngine } from '../src/engine/engine.js';
import { writeSnapshotAside } from '../src/engine/snapshot.js';
import { removeStaleTemporaries, STALE_AFTER_MS } from '../src/engine/temporary-files.js';
import { workerScript } from '../src/engine/worker-file.js';
import { writeExport } from '../src/export/write-export.js';
import { EventLog } from '../src/model/event-log.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';

/** An engine with a few customers, and the same complaint's owner listed twice: the state worker's unique index on owners then fails at its last step, after every row is written. */
async function engineWithDuplicateOwner(): Promise<TagEngine> {
  const engine = new TagEngine({ rules: BUILT_IN_RULES });
  await engine.run([row(0, 'C1'), row(1, 'C1'), row(2, 'C2')], { asOf: at(3) });
  const owners = [...engine.owners];
  engine.owners = { [Symbol.iterator]: () => [...owners, owners[0]!][Symbol.iterator]() } as unknown as TagEngine['owners'];
  return engine;
}

/** A process id that no longer runs: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the state written on a worker', () => {
  it('is built from the source too: the worker script is found in dist, or the command keeps the work in its thread', () => {
    expect(workerScript('state-worker.js')?.pathname).toMatch(/\/dist\/state-worker\.js$/);
    // A module with no built script beside it nor in a dist two folders up.
    expect(workerScript('state-worker.js', 'file:///nonexistent/a/b/module.js')).toBeNull();
  });

  it('fails without publishing anything: commit rejects with the worker\'s reason, and neither the file nor its temporary one stays', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-aside-'));
    const file = join(dir, 'tags-state.sqlite');
    const aside = writeSnapshotAside(await engineWithDuplicateOwner(), file);
    await expect(aside.commit()).rejects.toThrow(/writing the tag state failed: .*UNIQUE/);
    expect(await readdir(dir)).toEqual([]);
    // An abort after the failure (what the command does) neither throws nor changes anything.
    await expect(aside.abort()).resolves.toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('an abort after a commit keeps the committed file; an abort before stops the worker and leaves nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-aside-'));
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    await engine.run([row(0, 'C1'), row(1, 'C2')], { asOf: at(3) });
    const file = join(dir, 'tags-state.sqlite');
    const done = writeSnapshotAside(engine, file);
    await done.commit();
    await done.abort();
    expect(await readdir(dir)).toEqual(['tags-state.sqlite']);
    const other = join(dir, 'other.sqlite');
    const dropped = writeSnapshotAside(engine, other);
    await dropped.abort();
    await dropped.abort();
    expect(await readdir(dir)).toEqual(['tags-state.sqlite']);
  });

  it('a full build that fails before its commit point leaves the state and event log as they were, and no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-cli-'));
    const input = join(dir, 'day.ndjson');
    await writeFile(input, [row(0, 'C1'), row(1, 'C1'), row(2, 'C2')].map((r) => JSON.stringify(r)).join('\n'));
    const state = join(dir, 'state');
    const common = ['--input', input, '--state', state, '--out', join(dir, 'out'), '--quiet'];
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s) };
    expect(await runCli(['build', ...common, '--as-of', at(3)], io)).toBe(0);
    const events = async () => Object.fromEntries(await Promise.all((await readdir(join(state, 'events'))).map(async (f) => [f, await readFile(join(state, 'events', f), 'utf8')])));
    const before = { state: readFileSync(join(state, 'tags-state.sqlite')), events: await events() };
    // The service refuses the tags (--publish runs before the commit point) while the state is written on a worker.
    const server = createServer((_req, res) => res.writeHead(503).end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const was = process.env.CK_TAGS_STATE_WORKER;
    process.env.CK_TAGS_STATE_WORKER = '1';
    try {
      const code = await runCli(['build', '--full', ...common, '--as-of', at(5), '--publish', `http://127.0.0.1:${(server.address() as AddressInfo).port}`], io);
      expect(code).toBe(1);
    } finally {
      if (was === undefined) delete process.env.CK_TAGS_STATE_WORKER;
      else process.env.CK_TAGS_STATE_WORKER = was;
      server.close();
    }
    expect(readFileSync(join(state, 'tags-state.sqlite')).equals(before.state)).toBe(true);
    expect(await events()).toEqual(before.events);
    expect((await readdir(state)).sort()).toEqual(['events', 'tags-state.sqlite']);
    // And the next incremental run goes on from the state as it was.
    expect(await runCli(['build', ...common, '--as-of', at(6)], io)).toBe(0);
    expect(err.join('\n')).toMatch(/done in/);
  });
});

describe('temporary files a killed build left', () => {
  it('are removed once stale: only the state\'s own temporary names, only of a process that is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-stale-'));
    const file = join(dir, 'tags-state.sqlite');
    const dead = deadPid();
    const old = (Date.now() - STALE_AFTER_MS - 60_000) / 1000;
    const make = (name: string, when = old) => {
      writeFileSync(join(dir, name), 'x');
      utimesSync(join(dir, name), when, when);
    };
    make(`tags-state.sqlite.tmp-${dead}`);
    make(`tags-state.sqlite.tmp-${dead}-wal`);
    mkdirSync(join(dir, `.full-${dead}`, 'events'), { recursive: true });
    make(`.full-${dead}/events/run.tmp-${dead}-1`);
    utimesSync(join(dir, `.full-${dead}`, 'events'), old, old);
    utimesSync(join(dir, `.full-${dead}`), old, old);
    // Kept: a process that runs (this one's parent), a file changed lately, names that are not ours.
    make(`tags-state.sqlite.tmp-${process.ppid}`);
    make(`tags-state.sqlite.tmp-${dead + 1}`, Date.now() / 1000);
    make(`other.sqlite.tmp-${dead}`);
    make(`tags-state.sqlite.tmp-${dead}.bak`);
    make('tags-state.sqlite');
    const removed = removeStaleTemporaries(file);
    expect(removed.sort()).toEqual([`.full-${dead}`, `tags-state.sqlite.tmp-${dead}`, `tags-state.sqlite.tmp-${dead}-wal`].sort());
    expect((await readdir(dir)).sort()).toEqual(
      ['tags-state.sqlite', `tags-state.sqlite.tmp-${process.ppid}`, `tags-state.sqlite.tmp-${dead + 1}`, `other.sqlite.tmp-${dead}`, `tags-state.sqlite.tmp-${dead}.bak`].sort(),
    );
    expect(existsSync(join(dir, `.full-${dead}`))).toBe(false);
    expect(await readFile(join(dir, 'tags-state.sqlite'), 'utf8')).toBe('x');
  });
  it("are removed from the event log and the export folder once stale, and a live process's are kept", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-stale-'));
    const dead = deadPid();
    const old = (Date.now() - STALE_AFTER_MS - 60_000) / 1000;
    const make = (path: string, when = old) => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'x');
      utimesSync(path, when, when);
    };
    // The event log: a killed run's unfinished file goes; a running one's, a recent one's and a published one stay.
    const events = join(dir, 'state', 'events');
    make(join(events, `run.tmp-${dead}-1`));
    make(join(events, `run.tmp-${process.ppid}-2`));
    make(join(events, `run.tmp-${dead + 1}-3`), Date.now() / 1000);
    make(join(events, '000000000001-000000000002.ndjson'));
    await new EventLog(join(dir, 'state')).discardAfter(2);
    expect((await readdir(events)).sort()).toEqual(['000000000001-000000000002.ndjson', `run.tmp-${dead + 1}-3`, `run.tmp-${process.ppid}-2`].sort());

    // The exports: a killed export's folder goes when the next export is written; a running one's stays.
    const out = join(dir, 'out');
    make(join(out, `.delta-1.tmp-${dead}`, 'tags.csv'));
    utimesSync(join(out, `.delta-1.tmp-${dead}`), old, old);
    make(join(out, `.delta-2.tmp-${process.ppid}`, 'tags.csv'));
    await writeExport('snapshot-1', 'snapshot', [], { dir: out, ruleSetVersion: BUILT_IN_RULES.version, timeRange: { from: null, to: null }, watermark: null });
    expect((await readdir(out)).sort()).toEqual([`.delta-2.tmp-${process.ppid}`, 'snapshot-1'].sort());
  });
});

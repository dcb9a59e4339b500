import { cp, mkdir, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recoverEventLogSwap, SWAP_MARKER } from '../src/cli/event-log-swap.js';
import { runCli } from '../src/cli/main.js';
import { removeStaleTemporaries } from '../src/engine/temporary-files.js';
import { at, row } from './rows.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
/** The state's header, as the command wrote it. */
function header(file: string): { seq: number; log?: string } {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.parse((db.prepare("select value from meta where key = 'state'").get() as { value: string }).value);
  } finally {
    db.close();
  }
}

/**
 * Two full builds, the second a rebuild over more complaints; returns the folder, the state and event
 * log of the first (copied aside) and of the second (in place), and the day after's file.
 */
async function twoFullBuilds() {
  const dir = await mkdtemp(join(tmpdir(), 'ck-swap-'));
  const state = join(dir, 'state');
  const base = ['--state', state, '--out', join(dir, 'out'), '--quiet'];
  const day1 = join(dir, 'day1.ndjson');
  const day2 = join(dir, 'day2.ndjson');
  const day3 = join(dir, 'day3.ndjson');
  await writeFile(day1, ndjson([row(0, 'C1'), row(1, 'C1'), row(2, 'C2')]));
  await writeFile(day2, ndjson([row(3, 'C1'), row(3, 'C3', { severity: 'major' })]));
  await writeFile(day3, ndjson([row(5, 'C2'), row(5, 'C4')]));
  expect((await cli(['build', '--input', day1, '--as-of', at(3), ...base])).code).toBe(0);
  const first = join(dir, 'first');
  await mkdir(first);
  await cp(join(state, 'tags-state.sqlite'), join(first, 'tags-state.sqlite'));
  await cp(join(state, 'events'), join(first, 'events'), { recursive: true });
  expect((await cli(['build', '--input', day1, '--input', day2, '--full', '--as-of', at(4), ...base])).code).toBe(0);
  const second = { log: header(join(state, 'tags-state.sqlite')).log!, seq: header(join(state, 'tags-state.sqlite')).seq, events: (await readdir(join(state, 'events'))).sort() };
  return { dir, state, base, first, second, day3 };
}

describe('a full rebuild stopped around its commit point', () => {
  it("records its staged log's id in the state's header, and leaves no marker or staging folder when it completes", async () => {
    const { state, second } = await twoFullBuilds();
    expect(second.log).toMatch(/^[0-9a-f-]{36}$/);
    expect((await readdir(state)).filter((n) => n === SWAP_MARKER || n.startsWith('.full-'))).toEqual([]);
  });

  it('that fails after writing its marker, before its state is in place, removes its own marker and staged log', async () => {
    const { state, base, day3, second } = await twoFullBuilds();
    const events = async () => Object.fromEntries(await Promise.all((await readdir(join(state, 'events'))).map(async (f) => [f, await readFile(join(state, 'events', f), 'utf8')])));
    const before = await events();
    // The state cannot be put in place: its name is taken by a folder (the rename at the commit
    // point fails, after the marker is written).
    await rename(join(state, 'tags-state.sqlite'), join(state, 'aside.sqlite'));
    await mkdir(join(state, 'tags-state.sqlite', 'x'), { recursive: true });
    for (const worker of ['0', '1']) {
      const was = process.env.CK_TAGS_STATE_WORKER;
      process.env.CK_TAGS_STATE_WORKER = worker;
      try {
        const run = await cli(['build', '--full', '--input', day3, '--as-of', at(6), ...base]);
        expect(run.code, run.err).toBe(1);
      } finally {
        if (was === undefined) delete process.env.CK_TAGS_STATE_WORKER;
        else process.env.CK_TAGS_STATE_WORKER = was;
      }
      expect((await readdir(state)).filter((n) => n === SWAP_MARKER || n.startsWith('.full-') || n.includes('.tmp-'))).toEqual([]);
      expect(await events()).toEqual(before);
    }
    expect(Object.keys(before).sort()).toEqual(second.events);
  });

  it('after its state was put in place: the next run swaps in the staged event log first and carries on from it', async () => {
    const { state, base, first, second, day3 } = await twoFullBuilds();
    // As a build stopped right after its state's rename leaves it: the old log in place, the new one staged.
    const staging = join(state, '.full-999999');
    await mkdir(staging);
    await rename(join(state, 'events'), join(staging, 'events'));
    await cp(join(first, 'events'), join(state, 'events'), { recursive: true });
    await writeFile(join(state, SWAP_MARKER), JSON.stringify({ staging: '.full-999999', log: second.log }));

    const next = await cli(['build', '--input', day3, '--as-of', at(6), ...base]);
    expect(next.code, next.err).toBe(0);
    const events = (await readdir(join(state, 'events'))).sort();
    // The rebuild's log, then this run's file, numbered on from the rebuild's last event.
    expect(events.slice(0, -1)).toEqual(second.events);
    expect(events.at(-1)).toMatch(new RegExp(`^${String(second.seq + 1).padStart(12, '0')}-`));
    expect(existsSync(staging) || existsSync(join(state, SWAP_MARKER))).toBe(false);
    const firstEvent = JSON.parse((await readFile(join(state, 'events', events[0]!), 'utf8')).split('\n')[0]!);
    expect(firstEvent.runId).toBe(`run-${at(4)}`);
  });

  it('before its state was put in place: the next run drops the staged log and keeps the old one', async () => {
    const { state, base, first, day3 } = await twoFullBuilds();
    // As a build stopped after writing its marker but before its state's rename: the old state and log.
    await cp(join(first, 'tags-state.sqlite'), join(state, 'tags-state.sqlite'));
    const staging = join(state, '.full-999998');
    await mkdir(staging);
    await rename(join(state, 'events'), join(staging, 'events'));
    await cp(join(first, 'events'), join(state, 'events'), { recursive: true });
    await writeFile(join(state, SWAP_MARKER), JSON.stringify({ staging: '.full-999998', log: 'a-build-that-never-committed' }));
    const old = (await readdir(join(first, 'events'))).sort();

    const next = await cli(['build', '--input', day3, '--as-of', at(6), ...base]);
    expect(next.code, next.err).toBe(0);
    const events = (await readdir(join(state, 'events'))).sort();
    expect(events.slice(0, -1)).toEqual(old);
    expect(events.at(-1)).toMatch(new RegExp(`^${String(header(join(first, 'tags-state.sqlite')).seq + 1).padStart(12, '0')}-`));
    expect(existsSync(staging) || existsSync(join(state, SWAP_MARKER))).toBe(false);
  });
});

describe('a full rebuild running beside this run', () => {
  it("leaves the staged log and the marker of a build whose process is alive, and stops the run saying so", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-swap-'));
    const state = join(dir, 'state');
    // The parent process (the test runner) stands for a full build between its commit point and its swap.
    const live = `.full-${process.ppid}`;
    await mkdir(join(state, live, 'events'), { recursive: true });
    await writeFile(join(state, live, 'events', '000000000001-000000000009.ndjson'), '{}\n');
    await writeFile(join(state, SWAP_MARKER), JSON.stringify({ staging: live, log: 'live' }));
    const input = join(dir, 'day1.ndjson');
    await writeFile(input, ndjson([row(0, 'C1')]));
    const run = await cli(['build', '--input', input, '--as-of', at(3), '--state', state, '--out', join(dir, 'out'), '--quiet']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`full rebuild \\(process ${process.ppid}\\).*wait until it has finished`));
    expect(run.err).toMatch(/wait until it has finished\. Nothing was written\./); // not 'fix the input'
    expect(await readFile(join(state, live, 'events', '000000000001-000000000009.ndjson'), 'utf8')).toBe('{}\n');
    expect(JSON.parse(await readFile(join(state, SWAP_MARKER), 'utf8'))).toEqual({ staging: live, log: 'live' });
    expect(existsSync(join(state, 'tags-state.sqlite'))).toBe(false);
  });

  it("drops the staged log of a build whose process is gone, as before", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-swap-'));
    const gone = `.full-${2 ** 22 + 12345}`; // above Linux's largest pid: never a running process
    await mkdir(join(dir, gone, 'events'), { recursive: true });
    await writeFile(join(dir, SWAP_MARKER), JSON.stringify({ staging: gone, log: 'gone' }));
    expect(await recoverEventLogSwap(dir, join(dir, 'tags-state.sqlite'))).toBe('dropped');
    expect(existsSync(join(dir, gone))).toBe(false);
    expect(existsSync(join(dir, SWAP_MARKER))).toBe(false);
  });
});

describe('a swap marker cut short by a power loss', () => {
  it('stops the run saying to run --full, leaving the staged log; --full then rebuilds and drops both', async () => {
    const { state, base, day3 } = await twoFullBuilds();
    const gone = `.full-${2 ** 22 + 777}`;
    await mkdir(join(state, gone, 'events'), { recursive: true });
    await writeFile(join(state, SWAP_MARKER), ''); // renamed, but its bytes never reached the disk
    const run = await cli(['build', '--input', day3, '--as-of', at(6), ...base]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/swap marker .*cannot be read.*--full/);
    expect(run.err).not.toMatch(/Fix the input/);
    expect(existsSync(join(state, gone))).toBe(true);
    expect(existsSync(join(state, SWAP_MARKER))).toBe(true);
    const again = await cli(['build', '--full', '--input', day3, '--as-of', at(6), ...base]);
    expect(again.code, again.err).toBe(0);
    expect(existsSync(join(state, SWAP_MARKER))).toBe(false);
  });

  it('a state that cannot be opened while a marker exists stops the run saying to run --full', async () => {
    const { state, base, day3 } = await twoFullBuilds();
    const gone = `.full-${2 ** 22 + 778}`;
    await mkdir(join(state, gone, 'events'), { recursive: true });
    await writeFile(join(state, SWAP_MARKER), JSON.stringify({ staging: gone, log: 'x' }));
    await writeFile(join(state, 'tags-state.sqlite'), 'not a database');
    const run = await cli(['build', '--input', day3, '--as-of', at(6), ...base]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/state cannot be opened .*--full/);
    expect(existsSync(join(state, gone, 'events'))).toBe(true);
  });

  it("the marker's temporary file left by a killed build is removed by the stale rule", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-swap-'));
    const tmp = `${SWAP_MARKER}.tmp-${2 ** 22 + 779}`;
    await writeFile(join(dir, tmp), '{');
    expect(removeStaleTemporaries(join(dir, 'tags-state.sqlite'), Date.now() + 10 * 60_000)).toEqual([tmp]);
    expect(existsSync(join(dir, tmp))).toBe(false);
  });
});

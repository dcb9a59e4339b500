import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuiltInRules, ROW_CHECK_FILE, rowCheckSource } from '../build/generated.js';
import { DEFAULT_FIELD_NAMES } from '../src/export/columns.js';
import { FieldNames } from '../src/export/fields.js';
import { ComplaintRow } from '../src/input/complaint-row.js';
import { complaintRowCheck } from '../src/input/complaint-row-check.generated.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';

const here = new URL('..', import.meta.url).pathname;

describe('what ships pre-checked (so a run loads no schema for it)', () => {
  it('the generated complaint-row check is the one compileCheck makes of ComplaintRow now', () => {
    expect(readFileSync(join(here, ROW_CHECK_FILE), 'utf8')).toBe(rowCheckSource());
  });

  it('the generated check accepts what zod accepts and refuses what zod refuses', () => {
    const good = [row(0, 'C1'), row(1, null, { severity: 'major', priorityGroups: [{ group: 'elderly', basis: 'verified' }], satisfactionScore: 3, decisionAccepted: false })];
    const bad = [
      { ...row(0, 'C1'), businessCategory: 'B0399' },
      { ...row(0, 'C1'), receivedAt: '2026-06-01T00:00:00' }, // no offset
      { ...row(0, 'C1'), customerId: 'A|B' },
      { ...row(0, 'C1'), satisfactionScore: 6 },
      { ...row(0, 'C1'), priorityGroups: [{ group: 'elderly', basis: 'guessed' }] },
      { ...row(0, 'C1'), id: undefined },
      { ...row(0, 'C1'), decisionDueAt: at(3).replace('T', ' ') },
    ];
    for (const r of [...good, ...bad]) expect(complaintRowCheck(structuredClone(r))).toBe(ComplaintRow.safeParse(r).success);
    // Defaults filled in place, as zod fills them.
    const filled = structuredClone(good[0]!);
    expect(complaintRowCheck(filled)).toBe(true);
    expect(filled).toEqual(ComplaintRow.parse(good[0]));
  });

  it('the built-in rules are exactly what the rule schema makes of them, key order included', () => {
    expect(() => checkBuiltInRules()).not.toThrow();
    const churn = BUILT_IN_RULES.rules.find((r) => r.kind === 'churn_risk')!;
    const saved = churn.frequencyCap;
    try {
      // A default left out, or a value the schema refuses, is caught.
      delete (churn as { frequencyCap?: number }).frequencyCap;
      expect(() => checkBuiltInRules()).toThrow(/differs from RuleSet.parse/);
      (churn as { frequencyCap: number }).frequencyCap = -1;
      expect(() => checkBuiltInRules()).toThrow(/not a valid rule set/);
    } finally {
      (churn as { frequencyCap: number }).frequencyCap = saved;
    }
  });

  it('the default field names are what FieldNames gives for none', () => {
    expect(DEFAULT_FIELD_NAMES).toEqual(FieldNames.parse({}));
  });

  // The built command, as a user runs it (skipped before the package is built).
  it.skipIf(!existsSync(join(here, 'dist/cli.js')))('the built command loads neither zod nor core domain schemas for good rows, and still names a bad row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-startup-'));
    const hook = join(dir, 'hook.mjs');
    // Every module resolved is printed to stderr.
    await writeFile(hook, `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('resolved ' + r.url + '\\n'); return r; }`);
    const register = join(dir, 'register.mjs');
    await writeFile(register, `import { register } from 'node:module'; register(${JSON.stringify(`file://${hook}`)});`);
    const good = join(dir, 'day1.ndjson');
    await writeFile(good, `${[row(0, 'C1'), row(1, 'C2')].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const run = (input: string) => {
      const r = spawnSync('node', ['--import', register, join(here, 'dist/cli.js'), 'build', '--input', input, '--as-of', at(5), '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet'], { encoding: 'utf8' });
      return { code: r.status, stderr: r.stderr };
    };
    expect(run(good).code).toBe(0); // the full build (its read worker checks rows with zod's help)
    // The daily run: an incremental run over good rows of the export shape.
    const next = join(dir, 'next.ndjson');
    await writeFile(next, `${[row(6, 'C1'), row(6, 'C3')].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const daily = run(next);
    expect(daily.code, daily.stderr).toBe(0);
    expect(daily.stderr).toMatch(/resolved .*better-sqlite3/);
    expect(daily.stderr).not.toMatch(/resolved .*\/zod\//);
    expect(daily.stderr).not.toMatch(/resolved .*core\/dist\/domain\.js/); // (core/node's keyed hash is small)
    const bad = join(dir, 'bad.ndjson');
    await writeFile(bad, `${JSON.stringify(row(7, 'C1'))}\n${JSON.stringify({ ...row(7, 'C1'), businessCategory: 'B0399' })}\n`);
    const refused = run(bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.ndjson:2 field "businessCategory"/);
    expect(refused.stderr).toMatch(/resolved .*\/zod\//);
    expect(refused.stderr).toMatch(/resolved .*core\/dist\/domain\.js/);
  });
});

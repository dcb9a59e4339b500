import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DirectoryError } from '../directory/plan.js';
import { BankDirectory } from '../directory/schema.js';
import { openStore } from '../store/open-store.js';

/**
 * Usage of `complaintkit-server directory`.
 *
 * @example
 * ```ts
 * process.stdout.write(DIRECTORY_USAGE);
 * ```
 */
export const DIRECTORY_USAGE = `  complaintkit-server directory FILE [--data ./data] [--dry-run]

  directory  adds and updates the bank's own organisations and staff from a JSON file
          ({ "organisations": [...], "staff": [...] }; fields in the server README). The file is checked
          against the database first: every problem is listed with its place in the file and nothing is
          written. Load it before import and serve: a database with organisations is never seeded with
          the demo bank. --dry-run checks and says what it would change, writing nothing.`;

/** @internal `['organisations', 3, 'regionCode']` → `organisations[3].regionCode`. */
const pathOf = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(the file)';

/** @internal prints the problems of a file, at most 200, and says nothing was written. */
function printErrors(file: string, errors: readonly DirectoryError[]): number {
  for (const e of errors.slice(0, 200)) process.stderr.write(`${e.path}: ${e.message}\n`);
  if (errors.length > 200) process.stderr.write(`… and ${errors.length - 200} more\n`);
  process.stderr.write(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${file}: nothing written. Fix them and run it again.\n`);
  return 1;
}

/**
 * Runs `complaintkit-server directory FILE`: exit code 0 when loaded (or, with `--dry-run`, when it
 * would load), 1 when the file has problems (listed on stderr by place; nothing written), 2 on bad usage.
 *
 * @example
 * ```ts
 * process.exitCode = await runDirectory(['bank.json', '--dry-run']);
 * ```
 */
export async function runDirectory(args: string[], env: { databaseUrl?: string | undefined } = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { data: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('directory takes exactly one FILE');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return printErrors(file, [{ path: '(the file)', message: `not readable JSON: ${(e as Error).message}` }]);
  }
  const parsed = BankDirectory.safeParse(json);
  if (!parsed.success) return printErrors(file, parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));

  const store = await openStore({ dataDir: values.data ?? './data', databaseUrl: env.databaseUrl });
  try {
    const dryRun = values['dry-run'] === true;
    const plan = await store.loadDirectory(parsed.data, { dryRun });
    if (plan.errors.length > 0) return printErrors(file, plan.errors);
    const staffChanged = plan.updateStaff.length - plan.deactivated;
    process.stdout.write(
      `${dryRun ? 'Would write (dry run, nothing written)' : 'Loaded'}: organisations ${plan.addOrganisations.length} added, ${plan.updateOrganisations.length} updated; ` +
        `staff ${plan.addStaff.length} added, ${staffChanged} updated, ${plan.deactivated} made inactive. Unchanged entries are left as they were.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

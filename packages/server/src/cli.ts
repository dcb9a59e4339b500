#!/usr/bin/env node
/**
 * `complaintkit-server`: run the reference complaint service, or seed its demo data.
 *
 * ```sh
 * complaintkit-server serve [--port 8787] [--host 127.0.0.1] [--data ./data] [--seed 42] [--months 24] [--fresh] [--static DIR] [--calendar FILE]
 * complaintkit-server seed  [--data ./data] [--seed 42] [--months 24] [--fresh]
 * complaintkit-server train --out FILE [--demo] …
 * complaintkit-server import FILE [--format csv|ndjson] [--batch 5000] [--data ./data]
 * complaintkit-server directory FILE [--data ./data] [--dry-run]
 * ```
 * PostgreSQL is used when DATABASE_URL is set; CK_JWT_SECRET sets the token secret; PORT and HOST
 * stand in for --port and --host; CK_CALENDAR_FILE for --calendar.
 *
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { resolveJwtSecret } from './auth/secret.js';
import { recallDemoActors, rememberDemoActors } from './cli/demo-actors.js';
import { printDemoTokens } from './cli/demo-tokens.js';
import { runTrain, TRAIN_USAGE } from './cli/train.js';
import { loadCalendar } from './calendar/load-calendar.js';
import { DIRECTORY_USAGE, runDirectory } from './cli/directory-command.js';
import { IMPORT_USAGE, runImport } from './cli/import-command.js';
import { seedIfEmpty } from './jobs/seed-if-empty.js';
import { startServer } from './server.js';
import { openStore } from './store/open-store.js';
import { resetDatabase } from './store/reset.js';

const USAGE = `Usage:
  complaintkit-server serve [--port 8787] [--host 127.0.0.1] [--data ./data] [--seed 42] [--months 24] [--fresh] [--static DIR]
                            [--model FILE] [--lexicon FILE] [--calendar FILE] [--no-demo]
  complaintkit-server seed  [--data ./data] [--seed 42] [--months 24] [--fresh]
${TRAIN_USAGE}
${IMPORT_USAGE}
${DIRECTORY_USAGE}

  serve   migrates, seeds demo data into an empty database, starts the service and prints demo tokens
  seed    migrates and seeds only
  --no-demo never seeds the demo bank, not even into an empty database (a bank's own deployment:
          load its organisations and staff with \`directory\` first)
  --fresh empties the database first (SQLite file in --data, or DATABASE_URL)
  --model a suggestion model from \`train\` (default: the shipped one, trained on the demo bank); refused
          when trained with another taxonomy
  --lexicon a sensitive-case lexicon file (JSON; default: the shipped lexicon)
  --calendar a holiday calendar file (JSON) adding the years after 2026, each citing its State Council
          notice (see the server README); refused at start, naming the line and field, when invalid
Environment: PORT and HOST (when --port / --host are not given), DATABASE_URL (PostgreSQL instead of
SQLite), CK_JWT_SECRET (token secret; else one is kept in the data folder), CK_CALENDAR_FILE (when
--calendar is not given), CK_PUBLIC_URL (the address clients reach the service at behind a proxy: the
OpenAPI document's server)`;

/** @internal */
const fail = (message: string): never => {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
};

/** @internal an integer option. */
const int = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number, got "${value}"`);
  return n;
};

/** @internal */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // `complaintkit-server import --help` too: a newcomer asks the command they mean to run.
  const help = (a: string) => a === '--help' || a === '-h';
  if (command === undefined || help(command) || command === 'help' || rest.some(help)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'train') return runTrain(rest, fail);
  // One-shot commands: their exit code is theirs; a usage mistake (bad flag, wrong FILE count) prints the usage.
  const oneShot = new Map([
    ['import', runImport],
    ['directory', runDirectory],
  ]).get(command);
  if (oneShot) {
    try {
      process.exitCode = await oneShot(rest, { databaseUrl: process.env.DATABASE_URL || undefined });
    } catch (e) {
      if (e instanceof TypeError || new RegExp(`^(${command} takes|--)`).test((e as Error).message)) fail((e as Error).message);
      throw e;
    }
    return;
  }
  if (command !== 'serve' && command !== 'seed') fail(`unknown command "${command}"`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        seed: { type: 'string' },
        months: { type: 'string' },
        fresh: { type: 'boolean' },
        static: { type: 'string' },
        model: { type: 'string' },
        lexicon: { type: 'string' },
        calendar: { type: 'string' },
        'no-demo': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    return fail((e as Error).message);
  }
  const dataDir = (values.data as string | undefined) ?? './data';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const seed = int('seed', values.seed as string | undefined, 42);
  const months = int('months', values.months as string | undefined, 24);
  const where = { dataDir, databaseUrl };
  if (values.fresh) await resetDatabase(where);

  // Port and host are read before seeding, so a bad --port fails at once.
  const port = int('port', (values.port as string | undefined) ?? (process.env.PORT || undefined), 8787);
  const host = (values.host as string | undefined) ?? (process.env.HOST || '127.0.0.1');
  if (port > 65_535) fail(`--port must be at most 65535, got ${port}`);
  // The holiday calendar file is checked before seeding too, so a bad one fails at once.
  const calendarFile = (values.calendar as string | undefined) ?? (process.env.CK_CALENDAR_FILE || undefined);
  try {
    loadCalendar({ file: calendarFile });
  } catch (e) {
    fail((e as Error).message);
  }

  // Seeding is a step of its own, so the user is told it is happening (it takes a few seconds).
  const store = await openStore(where);
  try {
    if (values['no-demo'] && command === 'seed') fail('seed --no-demo would do nothing: leave out --no-demo, or load your bank with directory FILE');
    if (values['no-demo']) {
      if (await store.isEmpty()) process.stdout.write('The database is empty and --no-demo is set: load your bank with complaintkit-server directory FILE.\n');
    } else if (await store.isEmpty()) {
      process.stdout.write(`Seeding demo data into the empty database (seed ${seed}, ${months} months)…\n`);
      const result = await seedIfEmpty(store, { seed, months });
      if (result.seeded) {
        rememberDemoActors(dataDir, result.demoActors);
        process.stdout.write(`Seeded ${result.organisations} organisations, ${result.staff} staff, ${result.complaints} complaints, ${result.events} events.\n`);
      }
    } else {
      process.stdout.write(`The database already has data; not seeding (--fresh starts over).\n`);
    }
  } finally {
    await store.close();
  }
  if (command === 'seed') return;

  const server = await startServer({
    port,
    host,
    dataDir,
    databaseUrl,
    poolSize: process.env.DATABASE_POOL_SIZE ? int('DATABASE_POOL_SIZE', process.env.DATABASE_POOL_SIZE, 20) : undefined,
    statementTimeoutMs: process.env.DATABASE_STATEMENT_TIMEOUT_MS ? int('DATABASE_STATEMENT_TIMEOUT_MS', process.env.DATABASE_STATEMENT_TIMEOUT_MS, 30_000) : undefined,
    staticDir: values.static as string | undefined,
    model: values.model as string | undefined,
    lexicon: values.lexicon as string | undefined,
    calendarFile,
  }).catch((e: unknown) => {
    if ((e as { code?: unknown }).code === 'EADDRINUSE') fail(`port ${port} on ${host} is in use: pass --port N (npm start -- --port N) or set PORT`);
    throw e;
  });
  const actors = await recallDemoActors(dataDir, { seed, months });
  process.stdout.write(
    [
      `ComplaintKit server listening on ${server.url} (${databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`})`,
      `OpenAPI document: ${server.url}/openapi.json`,
      ...(values.static ? [`Example pages: ${server.url}/examples/`] : []),
    ].join('\n') + '\n',
  );
  // A bank's own directory (complaintkit-server directory) has no demo staff: no tokens to print for them.
  const demoHandler = await server.store.getStaff(actors.handler.id);
  if (demoHandler?.orgId === actors.handler.orgId) await printDemoTokens(server.url, resolveJwtSecret({ dataDir }), actors, dataDir, Boolean(values.static));
  else process.stdout.write('No demo tokens: this database holds a bank of its own. Its sign-in service signs tokens with CK_JWT_SECRET (docs/guides/deploying.md).\n');
  const stop = () => {
    process.stdout.write('\nShutting down…\n');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`complaintkit-server: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

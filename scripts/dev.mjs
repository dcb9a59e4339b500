#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, run this: it does all set-up a fresh machine
// (Node >= 20 and npm only) needs, then hands over to pnpm. It is idempotent: a second run skips what is done.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const PNPM = '12.4.2'; // TOOLCHAIN.md: corepack fails here; a newer pnpm refuses to switch back.
const job = process.argv[2];
if (job !== 'start' && job !== 'test') {
  console.error('usage: node scripts/dev.mjs start|test');
  process.exit(2);
}

const run = (cmd, args, extraEnv = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const quiet = (cmd) => {
  try {
    return execSync(cmd, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
};
const isRoot = process.getuid?.() === 0;

// 1. pnpm, exactly the pinned version.
if (quiet('pnpm --version') !== PNPM) {
  console.log(`› installing pnpm ${PNPM} with npm`);
  run('npm', ['install', '--global', `pnpm@${PNPM}`]);
}

// 2. Native addons (better-sqlite3) compile from source when no prebuilt binary can be downloaded;
//    point node-gyp at the system's Node headers when they are there, as npm itself is set up to.
const env = {};
if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

// 3. System packages for the tests, from Debian's packages: PostgreSQL (the service's second backend)
//    and Chromium (widgets and the H5 page run in a real browser, driven by playwright-core).
const hasPostgres = () =>
  existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
const missing = [];
if (job === 'test' && !process.env.DATABASE_URL && !hasPostgres()) missing.push('postgresql');
if (job === 'test' && !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) missing.push('chromium');
if (missing.length > 0) {
  if (isRoot && quiet('command -v apt-get')) {
    console.log(`› installing ${missing.join(' and ')} from Debian packages`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    console.warn(`! ${missing.join(' and ')} missing and not installable here: install them, or set DATABASE_URL / CHROMIUM_PATH.`);
  }
}

// 4. Dependencies, exactly as locked.
run('pnpm', ['install', '--frozen-lockfile'], env);

// 5. The job.
run('pnpm', ['run', job === 'start' ? 'demo' : 'check'], env);

#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, run this: it does all set-up a fresh machine
// (Node >= 20 and npm only) needs, then hands over to pnpm. It is idempotent: a second run skips what is done.
// `npm start -- --port 8799` (or PORT=8799 npm start) passes the options on to the service; `demo`
// (`pnpm run demo`) is the last step alone: a quiet build, then the service with the example pages.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const PNPM = '12.4.2'; // corepack cannot verify signatures from this registry, and a newer pnpm refuses to switch back.
const [job, ...passOn] = process.argv.slice(2);
if (job !== 'start' && job !== 'test' && job !== 'demo') {
  console.error('usage: node scripts/dev.mjs start|test|demo [service options, e.g. --port 8799]');
  process.exit(2);
}
if (job === 'test' && passOn.length > 0) {
  console.error(`npm test takes no options (got ${passOn.join(' ')}); run one package's tests with pnpm --filter <package> test`);
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

// The demo: build quietly (the file listing would bury the address and tokens the service prints
// last; the whole log is kept, and shown when the build fails), then serve with the example pages.
// Options given after `--` go last, so they win over these defaults (`--data`, `--port`, …).
const demo = (env) => {
  console.log('› building the packages (log: .data/build.log)');
  mkdirSync('.data', { recursive: true });
  const build = spawnSync('pnpm', ['-r', 'build'], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  writeFileSync('.data/build.log', `${build.stdout ?? ''}${build.stderr ?? ''}`);
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}\n! the build failed (log: .data/build.log)\n`);
    process.exit(build.status ?? 1);
  }
  run('node', ['packages/server/dist/cli.js', 'serve', '--data', '.data', '--static', 'examples', ...passOn], env);
};
if (job === 'demo') {
  demo({});
  process.exit(0);
}

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
// A CJK font, or every Chinese character in the widgets' screenshots is a box.
if (job === 'test' && !existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push('fonts-noto-cjk');
if (missing.length > 0) {
  if (isRoot && quiet('command -v apt-get')) {
    console.log(`› installing ${missing.join(', ')} from Debian packages`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    console.warn(`! ${missing.join(' and ')} missing and not installable here: install them, or set DATABASE_URL / CHROMIUM_PATH.`);
  }
}

// 4. Dependencies, exactly as locked.
run('pnpm', ['install', '--frozen-lockfile'], env);

// 5. The job.
if (job === 'start') demo(env);
else run('pnpm', ['run', 'check'], env);

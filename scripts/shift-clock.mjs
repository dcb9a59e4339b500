// Test-only: run Node as if it were another instant, to catch code and tests that break at a period
// boundary (the first minutes of a bank month, quarter or year in Asia/Shanghai, a Monday, the last
// minutes of a month). Load it with NODE_OPTIONS and name the instant:
//
//   CK_TEST_NOW=2027-01-01T00:05:00+08:00 NODE_OPTIONS="--import $PWD/scripts/shift-clock.mjs" pnpm --filter @complaintkit/server test
//
// or `pnpm test:at 2027-01-01T00:05+08:00 pnpm --filter @complaintkit/server test` (scripts/test-at.mjs does the same).
// `Date.now()`, `new Date()` and `Date()` start at that instant and then run on at normal speed (an
// offset, not a frozen clock, so tokens, timeouts and streams keep working). The offset is handed to
// child processes and workers through CK_TEST_CLOCK_OFFSET, so a service a test spawns shares the
// test's clock. `performance.now()` and `performance.timeOrigin` are left alone; so is the database's
// clock. Without CK_TEST_NOW this file does nothing.
const at = process.env.CK_TEST_NOW;
if (at) {
  const RealDate = Date;
  let offset = Number(process.env.CK_TEST_CLOCK_OFFSET);
  if (!Number.isFinite(offset)) {
    const target = RealDate.parse(at);
    if (Number.isNaN(target)) throw new Error(`CK_TEST_NOW=${at} is not an instant: write ISO 8601 with an offset, e.g. 2027-01-01T00:05:00+08:00`);
    offset = target - RealDate.now();
    process.env.CK_TEST_CLOCK_OFFSET = String(offset);
  }
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
  });
}

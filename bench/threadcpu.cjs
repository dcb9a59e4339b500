// Preloaded with `NODE_OPTIONS="--require ./bench/threadcpu.cjs"`: at exit, prints the main thread's own
// CPU time (user + system, from /proc/self/task/<pid>/stat, Linux) to stderr, beside the process's
// total that /usr/bin/time gives, so that work moved to worker threads shows as the main thread's share.
const { readFileSync } = require('node:fs');
process.on('exit', () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  process.stderr.write(`main thread CPU ${(ticks / 100).toFixed(2)} s\n`);
});

// The incremental tag run in process, in its three steps (open the saved state, run the new
// complaints, save what changed), with wall and CPU time each: on a shared machine the CPU time is the
// figure that does not move with the other processes' load.
//   node bench/tagging-incremental.mjs STATE_FILE NEW_COMPLAINTS.ndjson   (a copy of a full build's state)
import { BUILT_IN_RULES, readNdjson, readSnapshot, writeSnapshot } from '@complaintkit/tagging';
const file = process.argv[2];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const mark = () => [performance.now(), cpu()];
const since = ([w, c]) => `${(performance.now() - w).toFixed(0)} ms wall / ${(cpu() - c).toFixed(0)} ms CPU`;
let m = mark();
const engine = await readSnapshot(file, { rules: BUILT_IN_RULES });
const open = since(m); m = mark();
const s = await engine.run(readNdjson(process.argv[3]), { asOf: '2026-11-30T00:00:00+08:00' });
const run = since(m); m = mark();
await writeSnapshot(engine, file);
const save = since(m);
engine.close();
console.log(`state open ${open}; run ${run} (read ${s.read}, evaluated ${s.evaluated}); save ${save}`);

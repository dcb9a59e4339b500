// The client's own CPU cost per call, without a network: a canned response through the `fetch`
// option, beside the same Response parsed raw. Isolates what ky, the client and zod add.
// Usage: node bench/client-cpu.mjs [calls=5000]
// CK_CORE=path/to/another/core/dist/index.js runs the same calls against another build (a baseline).
const { createComplaintClient, registerComplaint, applyAction, ComplaintCreate } = await import(process.env.CK_CORE ?? '@complaintkit/core');

const calls = Number(process.argv[2] ?? 5000);
const actor = { kind: 'staff', id: 'u-1', role: 'handler', orgId: 'HO' };
let c = registerComplaint(
  ComplaintCreate.parse({
    intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
    complainant: { name: '张三', phone: '13812345678' }, description: '柜面服务态度差'.repeat(10),
  }),
  { actor, now: Date.now(), seq: 1, id: 'CK20260301-000001', handlingOrgId: 'HO' },
);
c = applyAction(c, 'accept', {}, { actor, now: Date.now(), seq: 2 });
c = applyAction(c, 'start', {}, { actor, now: Date.now(), seq: 3 });
const body = JSON.stringify(c);

const client = (validation) =>
  createComplaintClient({ baseUrl: 'http://127.0.0.1:9', token: 't', validation, fetch: async () => new Response(body, { status: 200 }) });
const raw = async () => {
  await new Response(body, { status: 200 }).json();
};
const time = async (fn) => {
  for (let i = 0; i < 500; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return ((performance.now() - t) / calls) * 1000;
};
const off = client('off');
const strict = client('strict');
const rows = [
  ['raw Response + json()', await time(raw)],
  ["client.complaints.get, validation 'off'", await time(() => off.complaints.get(c.id))],
  ["client.complaints.get, validation 'strict'", await time(() => strict.complaints.get(c.id))],
];
console.log(`client CPU per call, ${calls} calls, no network (node ${process.version})`);
for (const [name, us] of rows) console.log(`${name.padEnd(44)} ${us.toFixed(1)} µs`);

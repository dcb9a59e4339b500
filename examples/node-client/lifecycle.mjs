// Takes one complaint through its whole life against the running reference service.
//   npm start                       # in another terminal: prints the address and demo tokens
//   CK_URL=http://127.0.0.1:8787 CK_TOKEN_HANDLER=… CK_TOKEN_MANAGER=… CK_TOKEN_CUSTOMER=… \
//   pnpm --filter @complaintkit/example-node-client start
// The tokens default to the ones `npm start` wrote to .data/demo-tokens.json.
import { readFileSync } from 'node:fs';
import { ComplaintKitError, createComplaintClient } from '@complaintkit/core';
import { maskComplainant } from '@complaintkit/core/domain';

const saved = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../.data/demo-tokens.json', import.meta.url), 'utf8'));
  } catch {
    return {};
  }
})();
const baseUrl = process.env.CK_URL ?? saved.url ?? 'http://127.0.0.1:8787';
const token = (role) => {
  const t = process.env[`CK_TOKEN_${role.toUpperCase()}`] ?? saved.tokens?.[role];
  if (!t) throw new Error(`no ${role} token: set CK_TOKEN_${role.toUpperCase()} (npm start prints one)`);
  return t;
};
const as = (role) =>
  createComplaintClient({
    baseUrl,
    token: token(role),
    // Log what happens, never who: events carry method, path, status and ids only.
    onEvent: (e) => e.type === 'retry' && console.log(`  retry ${e.method} ${e.path} (attempt ${e.attempt})`),
  });

const customer = as('customer');
const handler = as('handler');
const manager = as('manager');
const step = (label, c) => console.log(`${label.padEnd(34)} → ${c.status}${c.assigneeId ? ` (assignee ${c.assigneeId})` : ''}`);

try {
  const handlerMe = await handler.identity.me();
  const c = await customer.complaints.create({
    intakeChannel: 'mobile_app',
    businessChannel: 'A010303',
    businessCategory: 'B0302',
    cause: 'C11',
    complainant: { name: '张三', phone: '13812345678' },
    description: '信用卡年费未经告知被扣收，要求退还',
    requestedResolution: '退还年费 200 元',
    // Routed to the branch of this province, where the demo handler and manager work.
    regionCode: handlerMe.organisation?.regionCode ?? undefined,
  });
  console.log(`registered ${c.id} for ${maskComplainant(c.complainant).name}, decision due ${c.deadlines.decisionDueAt}`);
  const id = c.id;
  step('accept (handler)', await handler.complaints.accept(id, { note: '身份已核实' }));
  step('assign to the handler (manager)', await manager.complaints.transfer(id, { toAssigneeId: handlerMe.actor.id, reason: '指定专人处理' }));
  step('start handling', await handler.complaints.start(id, {}));
  step('hold for an appraisal', await handler.complaints.hold(id, { reason: '等待交易流水核验' }));
  step('resume', await handler.complaints.resume(id, {}));
  const notifiedAt = new Date().toISOString();
  const extended = await manager.complaints.extend(id, { reason: '案情复杂', complainantNotifiedAt: notifiedAt });
  step('extend to 30 days (manager)', extended);
  console.log(`  decision now due ${extended.deadlines.decisionDueAt}`);
  step('respond with a decision', await handler.complaints.respond(id, {
    outcome: 'upheld',
    basis: '《信用卡章程》第十条：年费收取须事先告知',
    remedy: '退还年费',
    amount: 200,
    remediesOffered: ['review', 'mediation', 'arbitration', 'litigation'],
    notifiedVia: 'phone',
    notifiedAt: new Date().toISOString(),
  }));
  step('follow up (customer survey)', await customer.complaints.followUp(id, { reached: true, satisfaction: 5, decisionAccepted: true }));
  const closed = await handler.complaints.close(id, {});
  step('close', closed);
  console.log(`timeline: ${closed.timeline.map((e) => e.type).join(' → ')}`);
  console.log(`first responder on record: ${closed.firstResponder.kind} ${closed.firstResponder.id}`);
} catch (e) {
  if (e instanceof ComplaintKitError) {
    console.error(`${e.name} (${e.code}, request ${e.requestId}): ${e.message}`);
    process.exit(1);
  }
  throw e;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientOptions, type ComplaintCreateInput, createComplaintClient } from '@complaintkit/core';
import { type BankImport, type RunningServer, silentLogger, startServer } from '@complaintkit/server';

/** A small bank: head office, one branch, one sub-branch, and staff of every role at the branch. */
export const BANK: BankImport = {
  organisations: [
    { id: 'HO', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000' },
    { id: 'BR-GD', parentId: 'HO', kind: 'branch', name: '广东分行', regionCode: '440000' },
    { id: 'SB-SZ', parentId: 'BR-GD', kind: 'sub_branch', name: '深圳福田支行', regionCode: '440304' },
  ],
  staff: [
    { id: 'u-front', orgId: 'SB-SZ', role: 'frontline', name: '王一' },
    { id: 'u-handler', orgId: 'BR-GD', role: 'handler', name: '李二' },
    { id: 'u-manager', orgId: 'BR-GD', role: 'manager', name: '赵三' },
    { id: 'u-leader', orgId: 'BR-GD', role: 'leadership', name: '钱四' },
    { id: 'u-ho-handler', orgId: 'HO', role: 'handler', name: '孙五' },
  ],
  complaints: [],
};

/** A realistic registration, as a customer's app would send it. */
export const complaintInput = (n = 0): ComplaintCreateInput => ({
  intakeChannel: 'mobile_app',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: { name: '张三', phone: '13812345678', customerId: 'C-000001' },
  description: `信用卡年费未经告知被扣收（第 ${n} 笔）`,
  regionCode: '440304',
});

/** Starts the real service on SQLite in a temp folder with {@link BANK}, and makes clients for its roles. */
type Role = 'frontline' | 'handler' | 'manager' | 'leadership' | 'customer';

export async function startService(): Promise<{
  server: RunningServer;
  tokens: Record<Role, string>;
  client: (role: Role, options?: Partial<ClientOptions>) => ReturnType<typeof createComplaintClient>;
  stop: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-int-'));
  // One token per role sends thousands of requests here (the lossy-network suite): these tests are
  // about exactly-once, not the per-caller rate limits, which the server's own tests cover.
  const unlimited = { perSecond: 1e9, burst: 1e9 };
  const server = await startServer({ port: 0, dataDir, logger: silentLogger, limits: { reads: unlimited, writes: unlimited } });
  await server.store.importDemoBank(BANK);
  const staff = (id: string, role: string, org: string) =>
    server.issueToken({ sub: id, kind: 'staff', role, org } as Parameters<RunningServer['issueToken']>[0]);
  const tokens: Record<Role, string> = {
    frontline: await staff('u-front', 'frontline', 'SB-SZ'),
    handler: await staff('u-handler', 'handler', 'BR-GD'),
    manager: await staff('u-manager', 'manager', 'BR-GD'),
    leadership: await staff('u-leader', 'leadership', 'BR-GD'),
    customer: await server.issueToken({ sub: 'C-000001', kind: 'customer' } as Parameters<RunningServer['issueToken']>[0]),
  };
  return {
    server,
    tokens,
    client: (role, options = {}) => createComplaintClient({ baseUrl: server.url, token: tokens[role], ...options }),
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

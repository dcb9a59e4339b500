import type { Organisation } from '@complaintkit/core/domain';
import type { BankImport, StaffMember } from '../../src/index.js';

/**
 * A small hand-written bank for the tests (never the generator's volume or randomness):
 *
 *   HO 总行 (110000)
 *   ├── BR-44 广东分行 (440000)
 *   │   ├── SB-4403 深圳支行 (440300)
 *   │   │   └── OT-440305 南山网点 (440305)
 *   │   └── SB-4401 广州支行 (440100)
 *   ├── BR-11 北京分行 (110000)
 *   └── CC-CARD 信用卡中心 (no region)
 */
export const ORGS: Organisation[] = [
  { id: 'HO', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000' },
  { id: 'BR-44', parentId: 'HO', kind: 'branch', name: '广东分行', regionCode: '440000' },
  { id: 'SB-4403', parentId: 'BR-44', kind: 'sub_branch', name: '深圳支行', regionCode: '440300' },
  { id: 'OT-440305', parentId: 'SB-4403', kind: 'outlet', name: '南山网点', regionCode: '440305' },
  { id: 'SB-4401', parentId: 'BR-44', kind: 'sub_branch', name: '广州支行', regionCode: '440100' },
  { id: 'BR-11', parentId: 'HO', kind: 'branch', name: '北京分行', regionCode: '110000' },
  { id: 'CC-CARD', parentId: 'HO', kind: 'centre', name: '信用卡中心', regionCode: null },
];

const ROLES = ['frontline', 'handler', 'manager', 'leadership', 'auditor'] as const;

/** One staff member of each role at SB-4403 (`u-sb-<role>`), plus a few elsewhere. */
export const STAFF: StaffMember[] = [
  ...ROLES.map((role) => ({ id: `u-sb-${role}`, orgId: 'SB-4403', role, name: `深圳${role}` })),
  { id: 'u-ot-frontline', orgId: 'OT-440305', role: 'frontline', name: '网点柜员' },
  { id: 'u-ot-handler', orgId: 'OT-440305', role: 'handler', name: '网点处理' },
  { id: 'u-br-handler', orgId: 'BR-44', role: 'handler', name: '分行处理' },
  { id: 'u-br-manager', orgId: 'BR-44', role: 'manager', name: '分行经理' },
  { id: 'u-br-leader', orgId: 'BR-44', role: 'leadership', name: '分行领导' },
  { id: 'u-gz-handler', orgId: 'SB-4401', role: 'handler', name: '广州处理' },
  { id: 'u-bj-handler', orgId: 'BR-11', role: 'handler', name: '北京处理' },
  { id: 'u-ho-auditor', orgId: 'HO', role: 'auditor', name: '总行审计' },
  { id: 'u-cc', orgId: 'CC-CARD', role: 'handler', name: '卡中心处理' },
];

/** The fixture bank: organisations and staff, no complaints (tests register their own over HTTP). */
export const FIXTURE_BANK: BankImport = { organisations: ORGS, staff: STAFF, complaints: [] };

/** A valid registration body; override what a test cares about. */
export const registration = (over: Record<string, unknown> = {}) => ({
  intakeChannel: 'outlet',
  businessChannel: 'A0101',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: { name: '张三', phone: '13812345678', idNumber: '440301199001011234', customerId: 'C-1001' },
  description: '信用卡年费未经告知被扣收，请联系 13812345678',
  requestedResolution: '退还年费',
  regionCode: '440305',
  ...over,
});

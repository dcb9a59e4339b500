import type { Organisation } from '@complaintkit/core/domain';

/**
 * The demo bank's organisation tree (docs/domain/lifecycle.md (organisations and roles)): head office (总行) →
 * branches (分行, one per province) → second-tier branches (二级分行) → sub-branches (支行) → outlets
 * (网点), plus the functional centres that hang off the head office with no region (a bank reports
 * their complaints outside the provinces, so the heat map shows them as "not regional").
 *
 * Region codes are real GB/T 2260 codes (province 110000, city 440300, district 440305 …). Outlet and
 * customer counts are the whole unit's, modelled or not, so the normalised rates of the regulator
 * (per 1,000 outlets, per 10 million personal customers) come out at a realistic scale; each
 * parent's counts are at least the sum of its children's.
 */

/** @internal a sub-branch (支行) with its modelled outlets. */
interface SubBranchSpec {
  readonly region: string;
  readonly name: string;
  /** Outlets of the whole sub-branch, its own business hall included. */
  readonly outlets: number;
  readonly customers: number;
  /** Names of the outlets modelled as organisations of their own. */
  readonly outletNames: readonly string[];
}

/** @internal a branch (分行) or second-tier branch (二级分行). */
interface BranchSpec {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  /** Outlets and customers of the parts of the branch that are not modelled. */
  readonly extraOutlets: number;
  readonly extraCustomers: number;
  readonly subBranches: readonly SubBranchSpec[];
  readonly secondTier?: readonly BranchSpec[];
}

const sb = (region: string, name: string, outlets: number, customers: number, ...outletNames: string[]): SubBranchSpec => ({
  region,
  name,
  outlets,
  customers,
  outletNames,
});

/** @internal the provinces the demo bank works in and where inside them. */
const BRANCHES: readonly BranchSpec[] = [
  {
    id: 'BR-11',
    region: '110000',
    name: '北京分行',
    extraOutlets: 78,
    extraCustomers: 2_900_000,
    subBranches: [
      sb('110101', '东城支行', 7, 210_000, '王府井网点', '东直门网点'),
      sb('110102', '西城支行', 8, 260_000, '金融街网点', '西单网点'),
      sb('110105', '朝阳支行', 11, 380_000, '国贸网点', '望京网点'),
      sb('110108', '海淀支行', 10, 350_000, '中关村网点', '五道口网点'),
      sb('110106', '丰台支行', 6, 190_000, '丽泽网点'),
    ],
  },
  {
    id: 'BR-31',
    region: '310000',
    name: '上海分行',
    extraOutlets: 64,
    extraCustomers: 2_400_000,
    subBranches: [
      sb('310101', '黄浦支行', 7, 230_000, '外滩网点', '人民广场网点'),
      sb('310104', '徐汇支行', 6, 200_000, '徐家汇网点'),
      sb('310106', '静安支行', 6, 210_000, '南京西路网点'),
      sb('310115', '浦东支行', 12, 420_000, '陆家嘴网点', '张江网点'),
    ],
  },
  {
    id: 'BR-44',
    region: '440000',
    name: '广东分行',
    extraOutlets: 96,
    extraCustomers: 3_600_000,
    subBranches: [
      sb('440104', '广州越秀支行', 8, 260_000, '北京路网点'),
      sb('440106', '广州天河支行', 10, 340_000, '珠江新城网点', '天河北网点'),
    ],
    secondTier: [
      {
        id: 'BR-4403',
        region: '440300',
        name: '深圳分行',
        extraOutlets: 40,
        extraCustomers: 1_500_000,
        subBranches: [
          sb('440303', '罗湖支行', 6, 200_000, '东门网点'),
          sb('440304', '福田支行', 9, 330_000, '车公庙网点', '华强北网点'),
          sb('440305', '南山支行', 9, 320_000, '科技园网点'),
        ],
      },
      {
        id: 'BR-4406',
        region: '440600',
        name: '佛山分行',
        extraOutlets: 18,
        extraCustomers: 620_000,
        subBranches: [sb('440604', '禅城支行', 6, 180_000, '祖庙网点')],
      },
    ],
  },
  {
    id: 'BR-33',
    region: '330000',
    name: '浙江分行',
    extraOutlets: 52,
    extraCustomers: 1_900_000,
    subBranches: [
      sb('330102', '杭州上城支行', 7, 220_000, '湖滨网点'),
      sb('330106', '杭州西湖支行', 8, 250_000, '文三路网点', '黄龙网点'),
    ],
    secondTier: [
      {
        id: 'BR-3302',
        region: '330200',
        name: '宁波分行',
        extraOutlets: 20,
        extraCustomers: 760_000,
        subBranches: [sb('330203', '海曙支行', 6, 170_000, '天一广场网点')],
      },
      {
        id: 'BR-3303',
        region: '330300',
        name: '温州分行',
        extraOutlets: 16,
        extraCustomers: 580_000,
        subBranches: [sb('330302', '鹿城支行', 5, 150_000, '五马街网点')],
      },
    ],
  },
  {
    id: 'BR-35',
    region: '350000',
    name: '福建分行',
    extraOutlets: 34,
    extraCustomers: 1_200_000,
    subBranches: [sb('350102', '福州鼓楼支行', 7, 210_000, '五一广场网点')],
    secondTier: [
      {
        id: 'BR-3502',
        region: '350200',
        name: '厦门分行',
        extraOutlets: 18,
        extraCustomers: 690_000,
        subBranches: [sb('350203', '思明支行', 7, 230_000, '中山路网点', '莲前网点')],
      },
      {
        id: 'BR-3505',
        region: '350500',
        name: '泉州分行',
        extraOutlets: 14,
        extraCustomers: 520_000,
        subBranches: [sb('350503', '丰泽支行', 5, 150_000, '东海网点')],
      },
    ],
  },
  {
    id: 'BR-51',
    region: '510000',
    name: '四川分行',
    extraOutlets: 48,
    extraCustomers: 1_800_000,
    subBranches: [
      sb('510104', '成都锦江支行', 7, 230_000, '春熙路网点'),
      sb('510107', '成都武侯支行', 8, 260_000, '科华北路网点', '高升桥网点'),
    ],
    secondTier: [
      {
        id: 'BR-5107',
        region: '510700',
        name: '绵阳分行',
        extraOutlets: 12,
        extraCustomers: 420_000,
        subBranches: [sb('510703', '涪城支行', 5, 140_000, '临园路网点')],
      },
    ],
  },
  {
    id: 'BR-42',
    region: '420000',
    name: '湖北分行',
    extraOutlets: 44,
    extraCustomers: 1_600_000,
    subBranches: [
      sb('420102', '武汉江岸支行', 7, 220_000, '江汉路网点'),
      sb('420106', '武汉武昌支行', 8, 250_000, '中南路网点', '街道口网点'),
    ],
    secondTier: [
      {
        id: 'BR-4205',
        region: '420500',
        name: '宜昌分行',
        extraOutlets: 11,
        extraCustomers: 380_000,
        subBranches: [sb('420502', '西陵支行', 5, 130_000, '夷陵广场网点')],
      },
    ],
  },
];

/** Id of the head office (总行). @example `orgs.find((o) => o.id === HEAD_OFFICE_ID)?.name; // '总行'` */
export const HEAD_OFFICE_ID = 'HO';
/** Id of the credit-card centre (信用卡中心), a functional centre with no region. @example `CREDIT_CARD_CENTRE_ID; // 'CC'` */
export const CREDIT_CARD_CENTRE_ID = 'CC';
/** Id of the remote-banking centre that runs the 7×24 hotline (远程银行中心). @example `REMOTE_BANKING_CENTRE_ID; // 'RB'` */
export const REMOTE_BANKING_CENTRE_ID = 'RB';

/**
 * Builds the demo bank's organisation tree, parents before children. It is fixed (no seed): about 80
 * organisations in seven provinces with three functional levels below the head office.
 *
 * @example
 * ```ts
 * const orgs = buildOrganisations();
 * orgs.filter((o) => o.regionCode === null).map((o) => o.name); // ['信用卡中心', '远程银行中心（客服热线）']
 * ```
 */
export function buildOrganisations(): Organisation[] {
  const out: Organisation[] = [];

  const addBranch = (spec: BranchSpec, parentId: string): { outlets: number; customers: number } => {
    const branch: Organisation = { id: spec.id, parentId, kind: 'branch', name: spec.name, regionCode: spec.region };
    out.push(branch);
    let outlets = spec.extraOutlets;
    let customers = spec.extraCustomers;
    for (const s of spec.subBranches) {
      const id = `SB-${s.region}`;
      out.push({ id, parentId: spec.id, kind: 'sub_branch', name: s.name, regionCode: s.region, outletCount: s.outlets, customerCount: s.customers });
      // A modelled outlet serves a share of the sub-branch's customers; the rest are its own hall's.
      s.outletNames.forEach((name, i) => {
        out.push({
          id: `OT-${s.region}-${i + 1}`,
          parentId: id,
          kind: 'outlet',
          name: `${s.name}${name}`,
          regionCode: s.region,
          outletCount: 1,
          customerCount: Math.round(s.customers / (s.outlets + 1)),
        });
      });
      outlets += s.outlets;
      customers += s.customers;
    }
    for (const child of spec.secondTier ?? []) {
      const sub = addBranch(child, spec.id);
      outlets += sub.outlets;
      customers += sub.customers;
    }
    branch.outletCount = outlets;
    branch.customerCount = customers;
    return { outlets, customers };
  };

  const head: Organisation = { id: HEAD_OFFICE_ID, parentId: null, kind: 'head_office', name: '总行', regionCode: '110000' };
  out.push(head);
  // Functional centres: no region; their complaints are reported outside the provinces (docs/domain).
  out.push({ id: CREDIT_CARD_CENTRE_ID, parentId: HEAD_OFFICE_ID, kind: 'centre', name: '信用卡中心', regionCode: null });
  out.push({ id: REMOTE_BANKING_CENTRE_ID, parentId: HEAD_OFFICE_ID, kind: 'centre', name: '远程银行中心（客服热线）', regionCode: null });
  let outlets = 0;
  let customers = 0;
  for (const b of BRANCHES) {
    const t = addBranch(b, HEAD_OFFICE_ID);
    outlets += t.outlets;
    customers += t.customers;
  }
  head.outletCount = outlets;
  head.customerCount = customers;
  return out;
}

import type { BusinessCategoryCode, ComplaintCauseCode } from '@complaintkit/core/domain';
import type { Rng } from './prng.js';

/**
 * The Chinese texts of the demo complaints: what the complainant says, what they ask for, and the
 * reasons and bases staff write on each step. Made up, in the register banks use.
 */

/** @internal how complainants name the product they complain about. */
const SUBJECT: Record<BusinessCategoryCode, readonly string[]> = {
  B01: ['本人储蓄账户', '定期存款', '活期账户'],
  B02: ['贷款'],
  B0201: ['个人住房贷款', '房贷'],
  B0202: ['个人消费贷款', '线上消费贷'],
  B0203: ['个人经营贷款'],
  B0299: ['贷款业务'],
  B03: ['银行卡'],
  B0301: ['借记卡', '工资卡'],
  B0302: ['信用卡', '信用卡账单', '信用卡分期'],
  B04: ['转账汇款', '快捷支付', '跨行转账'],
  B05: ['现金兑换', '残损人民币兑换'],
  B06: ['购汇业务', '境外汇款'],
  B07: ['个人征信信息', '个人信息'],
  B08: ['理财产品', '本行理财'],
  B09: ['代销保险', '代销基金'],
  B10: ['积存金', '实物贵金属'],
  B99: ['相关业务'],
};

/** @internal the most frequent cause (rules and processes, 73%) is told in product-specific ways. */
const RULES: Partial<Record<BusinessCategoryCode, readonly string[]>> = {
  B0302: [
    '申请停息挂账和个性化分期被拒绝，未说明理由',
    '信用卡额度被无故下调，影响正常使用',
    '已按时还款但系统显示逾期，产生逾期记录',
    '注销信用卡流程繁琐，多次致电仍未办结',
    '账单分期提前结清仍被收取全部手续费',
  ],
  B0202: ['提前还款需预约且等待时间过长', '贷款审批被拒未说明原因', '征信逾期记录异议处理进度缓慢'],
  B0201: ['房贷提前还款申请排队时间过长', '房贷利率调整规则解释不清', '抵押登记材料被要求重复提交'],
  B0203: ['经营贷续贷条件临时变更', '经营贷到期续贷审批时间过长'],
  B0301: ['借记卡被限制非柜面交易，解限手续繁琐', '账户被暂停使用，要求说明原因', '异地挂失补卡流程繁琐'],
  B01: ['大额取现需提前预约，临柜无法办理', '定期存款到期自动转存规则未告知'],
  B04: ['跨行转账延迟到账', '快捷支付限额过低且调整困难'],
  B06: ['购汇额度及用途申报要求繁琐', '境外汇款被退回未及时通知'],
  B08: ['理财产品赎回到账时间与约定不符'],
  B09: ['代销保险退保手续复杂，被要求多次到网点'],
};

/** @internal what each cause sounds like. */
const CAUSE: Record<ComplaintCauseCode, readonly string[]> = {
  C01: ['工作人员服务态度差，解释不清且推诿处理', '客服多次转接无人解决，服务质量差'],
  C02: ['系统故障导致交易失败，多次尝试均未办理成功', '手机银行升级后无法正常登录'],
  C03: ['对业务办理规则和流程不认可，认为要求不合理'],
  C04: ['营销过程中存在误导，夸大收益且未充分揭示风险', '频繁推销其他产品'],
  C05: ['相关费用和条款信息披露不充分，事先未告知'],
  C06: ['实际收益明显低于宣传的业绩比较基准'],
  C07: ['办理业务时被要求捆绑购买其他产品'],
  C08: ['合同条款存在加重本人责任的内容'],
  C09: ['账户出现不明交易，怀疑被盗刷'],
  C10: ['个人信息疑似被泄露，频繁接到推销电话'],
  C11: ['被收取的费用不合理，收费前未告知', '年费、手续费收取标准不清'],
  C12: ['催收人员频繁致电本人及家属，方式不当', '催收电话打到单位，影响工作'],
  C99: ['其他问题'],
};

/** @internal what complainants ask for, by cause. */
const ASK: Partial<Record<ComplaintCauseCode, readonly string[]>> = {
  C01: ['要求相关人员道歉并改进服务'],
  C02: ['要求尽快修复并补偿损失'],
  C03: ['要求按合理方式尽快办理', '要求给出书面解释'],
  C04: ['要求退还本金及损失'],
  C05: ['要求退还相关费用'],
  C06: ['要求说明收益差异原因'],
  C09: ['要求追回资金'],
  C10: ['要求核查信息泄露并停止骚扰'],
  C11: ['要求退还相关费用', '要求减免手续费'],
  C12: ['要求停止不当催收并协商还款'],
};

/**
 * The complainant's account of the matter, in Chinese.
 *
 * @example
 * ```ts
 * describe(rng, 'B0302', 'C11'); // '关于信用卡：年费、手续费收取标准不清。'
 * ```
 */
export function describe(rng: Rng, business: BusinessCategoryCode, cause: ComplaintCauseCode): string {
  const subject = rng.pick(SUBJECT[business]);
  const rules = RULES[business];
  const what = cause === 'C03' && rules && rng.chance(0.85) ? rng.pick(rules) : rng.pick(CAUSE[cause]);
  return `客户反映${subject}：${what}。`;
}

/**
 * What the complainant asks for, or `undefined` when they say nothing particular.
 *
 * @example
 * ```ts
 * requestedResolution(rng, 'C11'); // '要求退还相关费用'
 * ```
 */
export function requestedResolution(rng: Rng, cause: ComplaintCauseCode): string | undefined {
  const asks = ASK[cause];
  return asks && rng.chance(0.8) ? rng.pick(asks) : undefined;
}

/**
 * The rules a decision rests on, by business category.
 *
 * @example
 * ```ts
 * decisionBasis(rng, 'B0302'); // '《信用卡章程》及领用合约相关条款'
 * ```
 */
export function decisionBasis(rng: Rng, business: BusinessCategoryCode): string {
  const major = business.slice(0, 3);
  if (business === 'B0302') return rng.pick(['《信用卡章程》及领用合约相关条款', '《商业银行信用卡业务监督管理办法》及本行信用卡业务规定']);
  if (major === 'B02') return rng.pick(['借款合同约定及本行个人贷款管理规定', '《个人贷款管理办法》及借款合同']);
  if (major === 'B08' || major === 'B09') return '产品说明书、风险揭示书及销售适当性管理规定';
  if (major === 'B07') return '《征信业管理条例》及本行个人信息保护制度';
  return rng.pick(['本行相关业务管理规定及服务协议', '《银行业保险业消费投诉处理管理办法》及本行业务规定']);
}

/**
 * The remedy of an upheld or partly upheld decision, and whether it refunds money.
 *
 * @example
 * ```ts
 * remedyFor(rng, 'C11'); // { remedy: '退还相关费用', refunds: true }
 * ```
 */
export function remedyFor(rng: Rng, cause: ComplaintCauseCode): { remedy: string; refunds: boolean } {
  switch (cause) {
    case 'C11':
    case 'C05':
      return { remedy: rng.pick(['退还相关费用', '减免当期手续费及年费']), refunds: true };
    case 'C12':
      return { remedy: '暂停催收并与客户协商个性化还款方案，对催收人员进行约谈', refunds: false };
    case 'C09':
      return { remedy: '核实交易后先行赔付被盗刷资金', refunds: true };
    case 'C01':
      return { remedy: '向客户致歉，对相关人员进行批评教育和服务培训', refunds: false };
    case 'C02':
      return { remedy: '修复系统问题并补偿客户损失', refunds: rng.chance(0.4) };
    case 'C04':
    case 'C06':
      return { remedy: '协商补偿部分收益损失', refunds: true };
    default:
      return { remedy: rng.pick(['按客户诉求调整办理方式并书面解释', '协助客户完成业务办理', '更正相关记录并书面告知']), refunds: false };
  }
}

/**
 * Reasons staff write on the steps of a complaint's life.
 *
 * @example
 * ```ts
 * rng.pick(REASONS.hold); // '申请司法鉴定'
 * ```
 */
export const REASONS = {
  decline: ['非金融消费投诉，属一般咨询', '非投诉人本人或其合法代理人提出', '属于已有司法裁判的事项'],
  dispatch: ['派单至承办人'],
  routeFromHotline: ['属地管理，转承办机构处理', '热线受理后转办'],
  transfer: ['属地管理，转至业务发生机构', '涉及其他机构业务，转办', '承办人员工作调整'],
  escalate: {
    complex: ['案情复杂，涉及多个业务条线'],
    sensitive: ['涉及舆情风险，需领导包案', '客户情绪激动，有升级投诉倾向'],
    major: ['涉众金额较大，属重大投诉', '监管机构重点督办'],
  },
  hold: ['申请司法鉴定', '等待第三方机构出具检测结果', '等待公安机关调查结论', '需第三方支付机构协查'],
  firstExtension: ['案情复杂，需调取多方材料', '需跨机构联合核查'],
  secondExtension: ['情况特别复杂，经上级机构批准再延长'],
  withdraw: ['已与银行协商解决', '客户主动撤回投诉', '问题已自行解决'],
  merge: ['同一事项重复投诉，无新情况', '办理期限内重复投诉，合并处理'],
  review: ['对处理结果不满意，申请核查', '认为处理依据不充分'],
  reviewTransfer: ['核查：由上级机构复核'],
  reopen: ['客户提供新的证据材料', '发现新的事实'],
  followUpComments: ['对处理结果满意', '希望改进服务流程', '处理及时', '对结果仍有保留意见'],
} as const;

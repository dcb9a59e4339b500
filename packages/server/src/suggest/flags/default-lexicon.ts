import type { Lexicon } from './lexicon.js';

/**
 * The sensitive-case lexicon ComplaintKit ships: the phrases Chinese bank complaints use when they
 * threaten publicity, court or the regulator, say they have complained again and again, or speak of
 * despair, with English equivalents so English-language complaints are covered too. A bank replaces
 * it with its own file (`--lexicon`); extend this one rather than start empty.
 *
 * @example
 * ```ts
 * DEFAULT_LEXICON.kinds.regulator?.phrases.includes('12378'); // true
 * ```
 */
export const DEFAULT_LEXICON: Lexicon = {
  version: 'complaintkit-default-2026-11',
  kinds: {
    media: {
      phrases: ['媒体', '曝光', '记者', '电视台', '报社', '网上发帖', '发微博', '抖音', '舆论', '自媒体', 'media', 'press', 'journalist', 'newspaper', 'go public', 'social media'],
    },
    lawsuit: {
      phrases: ['起诉', '诉讼', '打官司', '法院', '律师', '律师函', '仲裁', '报警', '公安', 'lawsuit', 'sue', 'court', 'lawyer', 'attorney', 'legal action', 'arbitration'],
    },
    regulator: {
      phrases: ['12378', '12363', '监管部门', '监管机构', '金融监管', '银保监', '保监局', '人民银行投诉', '向人民银行', '找监管', '投诉到监管', '消保委', '消费者协会', '12315', 'regulator', 'ombudsman', 'cfpb'],
    },
    petition: {
      phrases: ['信访', '上访', '市长热线', '12345', '政府热线', 'petition'],
    },
    repeated_escalation: {
      phrases: ['多次投诉', '再次投诉', '反复投诉', '屡次投诉', '又一次投诉', '第二次投诉', '第三次投诉', '越级投诉', '一直没有解决', '一直未解决', '始终没有解决', '投诉了很多次', 'complained several times', 'multiple times', 'third time', 'again and again'],
    },
    distress: {
      phrases: ['活不下去', '不想活', '想死', '轻生', '自杀', '跳楼', '走投无路', '绝望', '同归于尽', '家破人亡', 'suicide', 'kill myself', 'hopeless', "can't go on", 'desperate'],
      negatable: false,
    },
  },
  negations: ['不会', '不想', '不打算', '不准备', '不愿', '无意', '暂不', '并未', '没有', '没打算', '不至于', '不需要', 'not', "won't", 'never', 'no intention', 'no plan', "don't", "didn't"],
  negationWindow: 4,
};

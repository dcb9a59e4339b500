/**
 * Redaction finds personal numbers the way people type them (docs/domain/personal-data.md): a table
 * of inputs, each with what must come out, and the digits that must never survive.
 */
import { describe, expect, it } from 'vitest';
import { redactText } from './redact.js';

const ID = '440301199001011234'; // valid GB 11643 check character and date
const ID_X = '11010519491231002X';
const CARD18 = '622202123456789012'; // 18 digits, passes Luhn, fails GB 11643
const CARD19 = '6222021234567890123'; // 19 digits, fails Luhn: still a card-length number

describe('redactText: a table of what people type', () => {
  it.each([
    // mobiles
    ['客户张三（电话13812345678）来电', '客户张三（电话138****5678）来电'],
    ['tel:+8613812345678.', 'tel:138****5678.'],
    ['手机 138 1234 5678 联系', '手机 138****5678 联系'],
    ['手机 1381 234 5678 联系', '手机 138****5678 联系'],
    ['手机138-1234-5678', '手机138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['0086 13812345678', '138****5678'],
    ['全角１３８１２３４５６７８号码', '全角138****5678号码'],
    ['全角 １３８ １２３４ ５６７８', '全角 138****5678'],
    // typed on a Chinese keyboard: full-width plus, ideographic space, full-width hyphen
    ['电话＋８６　１３９－１１１１－２２２２。', '电话139****2222。'],
    ['手机１３９－１１１１－２２２２', '手机139****2222'],
    ['手机 139\u00A01111\u00A02222', '手机 139****2222'],
    ['身份证 ４４０３０１－１９９００１０１－１２３４', '身份证 440***********1234'],
    // landlines
    ['家里电话 0755-87654321，办公 010-1234567', '家里电话 075*****4321，办公 01****4567'],
    ['座机 +86 755 8765 4321 转', '座机 075*****4321 转'],
    ['座机(0755)87654321', '座机075*****4321'],
    ['座机（0755）8765-4321', '座机075*****4321'],
    ['座机 0755 8765 4321', '座机 075*****4321'],
    // ID numbers
    [`身份证${ID}，卡号${CARD19}`, '身份证440***********1234，卡号***************0123'],
    [`身份证号${ID_X}。`, '身份证号110***********002X。'],
    ['身份证号 11010519491231002x', '身份证号 110***********002X'],
    ['身份证 440301 19900101 1234 核实', '身份证 440***********1234 核实'],
    ['身份证 4403 0119 9001 0112 34', '身份证 440***********1234'],
    ['身份证４４０３０１１９９００１０１１２３４', '身份证440***********1234'],
    // cards, and an 18-digit card told from an ID number
    [`卡号 ${CARD18} 被扣费`, '卡号 **************9012 被扣费'],
    ['卡号 6222 6002 6000 1072 被冻结', '卡号 ************1072 被冻结'],
    ['卡号6222-6002-6000-1072', '卡号************1072'],
    ['卡号 6222 0212 3456 7890 128', '卡号 ***************0128'],
    ['card 6222600260001072 blocked', 'card ************1072 blocked'],
    // longer than an ID or a card, in one group: an ID typed with a digit too many, an account number
    ['身份证号110105194912310021x，卡号', '身份证号**************0021，卡号'],
    ['账号 62220212345678901234 冻结', '账号 ****************1234 冻结'],
    // two numbers side by side
    ['13812345678 13912345678', '138****5678 139****5678'],
    ['电话 13812345678 2025年', '电话 138****5678 2025年'],
  ])('%s', (input, out) => expect(redactText(input)).toBe(out));

  it.each(['2024-01-05 - 2024-02-05 期间多次扣费', '2024-01-05—2024-02-05扣费', '2024/1/5 - 2024/2/5', '2025-02-29 (2025-02 起)'])('leaves the date range %s alone', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('masks a phone beside a date range', () => {
    expect(redactText('2024-01-05 - 2024-02-05 13812345678 来电')).toBe('2024-01-05 - 2024-02-05 138****5678 来电');
    expect(redactText('电话13812345678 2024-01-05')).toBe('电话138****5678 2024-01-05');
  });

  it('leaves ordinary numbers alone: dates, amounts, codes, complaint numbers, short hotlines', () => {
    const text = '2025-03-03 于 A0101 网点办理，金额 200 元，工单 CK20250303-000042，客服 95561，邮编 518000，12:30 来电。';
    expect(redactText(text)).toBe(text);
  });

  it('never leaks the hidden digits', () => {
    const text = `客户 13812345678 / 1381 234 5678 / +86 755 8765 4321 / (0755)87654321 / ${ID} / 440301 19900101 1234 / ${CARD18} / 6222 6002 6000 1072 / １３８１２３４５６７８`;
    const out = redactText(text);
    expect(out).not.toMatch(/1234 ?5678|234 5678/);
    expect(out).not.toContain('8765');
    expect(out).not.toContain('19900101');
    expect(out).not.toContain('62220212');
    expect(out).not.toContain('6002');
    expect(out).not.toMatch(/[0-9０-９]{7,}/);
  });

  it('redacting twice changes nothing', () => {
    const once = redactText(`电话 1381 234 5678，身份证 ${ID}，卡 ${CARD18}，座机 (0755)87654321`);
    expect(redactText(once)).toBe(once);
  });
});

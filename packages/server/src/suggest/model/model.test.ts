import { describe, expect, it } from 'vitest';
import { compileModel } from './classifier.js';
import { InvalidModelError, ModelTaxonomyMismatchError } from './errors.js';
import { trainAndEvaluate } from './evaluate.js';
import { parseModel, serialiseModel } from './serialise.js';
import { assertTaxonomyMatches, taxonomyRecord } from './taxonomy.js';
import { type TrainingExample, trainModel } from './train.js';

/** A few hand-made complaints, three per (category, cause) pair, in Chinese and English. */
const HAND_MADE: TrainingExample[] = [
  { text: '信用卡年费未经告知被扣收', businessCategory: 'B0302', cause: 'C11' },
  { text: '信用卡分期手续费太高，收费不合理', businessCategory: 'B0302', cause: 'C11' },
  { text: '我的信用卡被收取了年费，要求退还', businessCategory: 'B0302', cause: 'C11' },
  { text: '房贷提前还款排队时间太长', businessCategory: 'B0201', cause: 'C03' },
  { text: '个人住房贷款提前还款要预约几个月', businessCategory: 'B0201', cause: 'C03' },
  { text: '房贷利率调整规则不合理', businessCategory: 'B0201', cause: 'C03' },
  { text: '催收人员天天打电话到我单位', businessCategory: 'B0202', cause: 'C12' },
  { text: '消费贷催收电话骚扰家人', businessCategory: 'B0202', cause: 'C12' },
  { text: '催收方式粗暴，消费贷逾期一天就打电话', businessCategory: 'B0202', cause: 'C12' },
  { text: 'Someone used my debit card, unknown transactions on my account', businessCategory: 'B0301', cause: 'C09' },
  { text: 'Fraudulent transactions on my debit card, money stolen', businessCategory: 'B0301', cause: 'C09' },
  { text: 'My debit card was skimmed and money taken from the account', businessCategory: 'B0301', cause: 'C09' },
];

describe('suggestion model', () => {
  it('trains deterministically: the same data gives the same file, byte for byte', () => {
    const a = serialiseModel(trainModel(HAND_MADE, { minDocumentFrequency: 1, source: 'hand-made' }));
    const b = serialiseModel(trainModel(HAND_MADE.map((x) => ({ ...x })), { minDocumentFrequency: 1, source: 'hand-made' }));
    expect(b).toBe(a);
    const other = serialiseModel(trainModel(HAND_MADE.slice(1), { minDocumentFrequency: 1, source: 'hand-made' }));
    expect(other).not.toBe(a);
    // The id is a content hash: it changes with the data.
    expect(JSON.parse(other).id).not.toBe(JSON.parse(a).id);
  });

  it('suggests the obvious codes for new texts, with the words that made it think so', () => {
    const c = compileModel(trainModel(HAND_MADE, { minDocumentFrequency: 1 }));
    const fee = c.suggestAll('信用卡又被扣了年费');
    expect(fee.businessCategory[0]?.code).toBe('B0302');
    expect(fee.cause[0]?.code).toBe('C11');
    expect(fee.businessCategory[0]?.evidence).toContain('信用卡');
    expect(fee.businessCategory).toHaveLength(3);
    expect(fee.businessCategory[0]?.score).toBeGreaterThan(fee.businessCategory[1]?.score ?? 1);

    expect(c.suggest('催收的人打电话给我父母', 'cause')[0]?.code).toBe('C12');
    expect(c.suggest('房贷想提前还款', 'businessCategory')[0]?.code).toBe('B0201');
    expect(c.suggestAll('unknown transactions on my debit card').cause[0]?.code).toBe('C09');
    // Full-width and upper-case English read the same.
    expect(c.suggest('ＵＮＫＮＯＷＮ TRANSACTIONS', 'cause')[0]?.code).toBe('C09');
  });

  it('answers from the prior, without evidence, for a text it knows nothing of', () => {
    const s = compileModel(trainModel(HAND_MADE, { minDocumentFrequency: 1 })).suggest('zzz', 'businessCategory');
    expect(s).toHaveLength(3);
    expect(s.every((x) => x.evidence.length === 0)).toBe(true);
  });

  it('round-trips through its file and refuses what is not a model', () => {
    const model = trainModel(HAND_MADE, { minDocumentFrequency: 1 });
    expect(parseModel(serialiseModel(model))).toEqual(JSON.parse(serialiseModel(model)));
    expect(() => parseModel('{"format":"something-else"}')).toThrow(InvalidModelError);
    expect(() => parseModel(serialiseModel(model).replace('"formatVersion":1', '"formatVersion":9'))).toThrow(/format version 9/);
    expect(() => parseModel('nope')).toThrow(/not JSON/);
  });

  it('refuses a model trained against another taxonomy', () => {
    const model = trainModel(HAND_MADE, { minDocumentFrequency: 1 });
    expect(() => assertTaxonomyMatches(model)).not.toThrow();
    const running = taxonomyRecord([...taxonomyRecord().businessCategory, 'B11']);
    expect(() => assertTaxonomyMatches(model, running)).toThrow(ModelTaxonomyMismatchError);
    expect(() => assertTaxonomyMatches(model, running)).toThrow(/lacks B11/);
    const older = trainModel(
      HAND_MADE.filter((x) => x.businessCategory !== 'B0201'),
      { minDocumentFrequency: 1, taxonomy: taxonomyRecord(['B0202', 'B0301', 'B0302'], taxonomyRecord().cause) },
    );
    expect(() => assertTaxonomyMatches(older)).toThrow(ModelTaxonomyMismatchError);
  });

  it('rejects labels outside the taxonomy and empty data', () => {
    expect(() => trainModel([])).toThrow(/no training examples/);
    expect(() => trainModel([{ text: 'x', businessCategory: 'B77', cause: 'C01' }])).toThrow(/B77/);
  });

  it('records a held-out evaluation when there is enough data', () => {
    const many = Array.from({ length: 5 }, () => HAND_MADE).flat();
    const model = trainAndEvaluate(many, { minDocumentFrequency: 1 });
    expect(model.evaluation?.businessCategory.tested).toBe(12);
    expect(model.evaluation?.businessCategory.top1).toBe(1);
    expect(model.evaluation?.cause.majorityBaseline).toBeLessThan(0.5);
    expect(trainAndEvaluate(HAND_MADE, { minDocumentFrequency: 1 }).evaluation).toBeNull();
  });
});

import { ComplaintCreate, type ComplaintCreateInput } from '@complaintkit/core/domain';
import { describe, expect, it } from 'vitest';
import { problemsFromFields, validateComplaint } from './validate.js';

const ok: ComplaintCreateInput = {
  intakeChannel: 'mobile_app',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  description: '信用卡年费未经告知被扣收',
  complainant: { name: '张三', phone: '13812345678' },
};
const cases: [string, ComplaintCreateInput][] = [
  ['valid', ok],
  ['blank description', { ...ok, description: '   ' }],
  ['description at the limit', { ...ok, description: 'x'.repeat(5000) }],
  ['description over the limit', { ...ok, description: 'x'.repeat(5001) }],
  ['resolution over the limit', { ...ok, requestedResolution: 'x'.repeat(2001) }],
  ['name over the limit', { ...ok, complainant: { name: 'x'.repeat(65) } }],
  // The limits count characters as the service does (code points): CJK Extension B and emoji are two UTF-16 units each.
  ['name of 64 CJK Extension B characters', { ...ok, complainant: { name: '\u{20000}'.repeat(64) } }],
  ['name of 65 CJK Extension B characters', { ...ok, complainant: { name: '\u{20000}'.repeat(65) } }],
  ['description of 5000 emoji', { ...ok, description: '😀'.repeat(5000) }],
  ['description of 5001 emoji', { ...ok, description: '😀'.repeat(5001) }],
  ['blank name', { ...ok, complainant: { name: ' ' } }],
  ['description of only a pasted zero-width space', { ...ok, description: '\u200B' }],
  ['name of only zero-width characters and a BOM', { ...ok, complainant: { name: '\uFEFF\u200B\u2060' } }],
  ['description with a zero-width space beside words', { ...ok, description: '年费\u200B被扣' }],
  ['phone with +86', { ...ok, complainant: { name: '张三', phone: '+8613812345678' } }],
  ['phone too short', { ...ok, complainant: { name: '张三', phone: '12' } }],
  ['phone with letters', { ...ok, complainant: { name: '张三', phone: '1381234abcd' } }],
  ['phone typed full-width with spaces', { ...ok, complainant: { name: '张三', phone: '１３８ １２３４ ５６７８' } }],
  ['landline with brackets', { ...ok, complainant: { name: '张三', phone: '(0755) 8765-4321' } }],
  ['phone with 0086', { ...ok, complainant: { name: '张三', phone: '0086 138-1234-5678' } }],
  ['phone with dots', { ...ok, complainant: { name: '张三', phone: '138.1234.5678' } }],
  ['eleven digits that are no mobile number', { ...ok, complainant: { name: '张三', phone: '12345678901' } }],
  ['no category', { ...ok, businessCategory: '' as never }],
  ['no cause', { ...ok, cause: '' as never }],
];

describe('the form checks as the customer types', () => {
  it.each(cases)('agree with the shared schema the service uses: %s', (_, input) => {
    const schemaFields = ComplaintCreate.safeParse(input).success ? [] : Object.keys(problemsFromFields(ComplaintCreate.safeParse(input).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? []));
    expect(Object.keys(validateComplaint(input)).sort()).toEqual(schemaFields.sort());
  });

  it('words each problem as the customer needs it', () => {
    expect(validateComplaint({ ...ok, description: 'x'.repeat(5001), complainant: { name: '', phone: '1' } })).toEqual({
      description: { key: 'tooLong', params: { max: 5000 } },
      name: { key: 'required' },
      phone: { key: 'badPhone' },
    });
  });
});

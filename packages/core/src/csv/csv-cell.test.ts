import { describe, expect, it } from 'vitest';
import { csvCell, csvUnguard } from './csv-cell.js';

describe('csvCell', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+2`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });

  it('leaves other text alone, quoting only what RFC 4180 needs', () => {
    expect(csvCell('信用卡')).toBe('信用卡');
    expect(csvCell('C-1|churn_risk:low')).toBe('C-1|churn_risk:low');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(' edge ')).toBe('" edge "');
  });

  it('writes numbers as numbers, negative ones included, and null as an empty cell', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
  });

  it('reads a guarded cell back as the value written', () => {
    for (const v of ['=1+2', '-5', '@x', '\tx', 'plain', "O'Brien", "'quoted"]) expect(csvUnguard(csvCell(v).replace(/^"(.*)"$/s, '$1').replace(/""/g, '"'))).toBe(v);
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../src/reports/csv.js';
import { regulatorCsv } from '../../src/reports/regulator.js';

describe('CSV cells', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('信用卡')).toBe('信用卡');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvText([['a', -1]])).toBe('\uFEFFa,-1\r\n');
  });

  it('guards every text cell of the regulator statistics', () => {
    const csv = regulatorCsv({
      quarter: '2026Q1',
      orgId: '=cmd|"/c calc"!A1',
      rows: [{ businessCategory: 'B0302', cause: 'C11', businessChannel: 'A0101', count: 3 }],
      total: 3,
      qoq: { current: 3, base: 4, absolute: -1, percent: -25, status: 'ok' },
      yoy: { current: 3, base: 0, absolute: 3, percent: null, status: 'new' },
      timeliness: 0.5,
      generatedAt: '2026-04-01T00:00:00.000Z',
    });
    const lines = csv.slice(1).trim().split('\r\n');
    for (const line of lines.slice(1)) expect(line.split(',')[1]).toBe('"\'=cmd|""/c calc""!A1"');
    expect(lines.find((l) => l.includes('qoq_percent'))?.endsWith(',-25.00')).toBe(false);
    expect(lines.find((l) => l.includes('qoq_percent'))?.endsWith(',-25')).toBe(true);
    expect(lines.find((l) => l.includes('yoy_percent'))?.endsWith(',new')).toBe(true);
  });
});

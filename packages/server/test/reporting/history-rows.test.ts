/**
 * The history file read a piece at a time (the CLI streams it; memory stays flat whatever its size):
 * cut anywhere, even inside a quoted CSV cell, between a doubled quote's two quotes or between `\r` and
 * `\n`, it gives the same rows, with the same line numbers, as read whole; and a source id repeated far
 * apart is still found, with the line that had it first.
 */
import { HISTORY_COLUMNS } from '@complaintkit/core/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRow } from '../../src/history/parse.js';
import { type RawRow, historyRowReader } from '../../src/history/rows.js';
import { openSpill } from '../../src/history/spill.js';
import { ndjson, randomHistory } from './random-history.js';

const read = (format: 'csv' | 'ndjson', pieces: readonly string[]): RawRow[] => {
  const reader = historyRowReader(format);
  return [...pieces.flatMap((p) => reader.push(p)), ...reader.end()];
};

/** `text` cut at the given offsets (sorted, deduplicated, within the text). */
const cut = (text: string, at: number[]) => {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  return [...points, text.length].map((p, i) => text.slice(i === 0 ? 0 : (points[i - 1] as number), p));
};

const quote = (v: unknown) => {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

describe('history file read in pieces', () => {
  const records = randomHistory(41, 12).map((r, i) => ({ ...r, ...(i % 3 === 0 && { description: `line one, "quoted"\r\nline two\n${'很'.repeat(i)}` }) }));
  const csv = `\ufeff${[HISTORY_COLUMNS.join(','), ...records.map((r) => HISTORY_COLUMNS.map((c) => quote((r as Record<string, unknown>)[c])).join(','))].join('\r\n')}\r\n\r\n`;
  const nd = `${ndjson(records)}\r\n\nnot json\n${JSON.stringify(records[0])}`;

  it('gives the rows of the whole file, with their lines, wherever it is cut', () => {
    const whole = { csv: read('csv', [csv]), ndjson: read('ndjson', [nd]) };
    expect(whole.csv.map((r) => ('value' in r ? r.value.sourceId : r))).toEqual(records.map((r) => r.sourceId));
    expect(whole.csv.map((r) => r.line)).toEqual(whole.csv.map((r) => r.line).sort((a, b) => a - b));
    // The quoted cells with line breaks move the later rows' lines down.
    expect((whole.csv.at(-1) as RawRow).line).toBeGreaterThan(records.length + 1);
    expect(whole.ndjson.map((r) => r.line)).toEqual([...records.map((_, i) => i + 1), records.length + 2, records.length + 3]);
    expect(validateRow(whole.ndjson.at(-2) as RawRow)).toEqual({ errors: [{ line: records.length + 2, field: '(row)', message: 'not a JSON object' }] });
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (at) => {
        expect(read('csv', cut(csv, at))).toEqual(whole.csv);
        expect(read('ndjson', cut(nd, at))).toEqual(whole.ndjson);
      }),
      { numRuns: 300 },
    );
    // One character at a time.
    expect(read('csv', [...csv])).toEqual(whole.csv);
  });

  it('refuses an unknown column and an empty CSV, and names a row with the wrong number of cells', () => {
    expect(read('csv', ['sourceId,recievedAt\r\nA,B\r\n'])).toEqual([expect.objectContaining({ line: 1, error: expect.objectContaining({ field: 'recievedAt' }) })]);
    expect(read('csv', [''])).toEqual([expect.objectContaining({ line: 1, error: expect.objectContaining({ field: '(header)' }) })]);
    expect(read('csv', ['sourceId,orgId\n', 'A\n'])).toEqual([expect.objectContaining({ line: 2, error: expect.objectContaining({ field: '(row)' }) })]);
  });

  it('says what a bad field expects, as the API does, never "Invalid input" alone', () => {
    const good = randomHistory(7, 1)[0] as Record<string, unknown>;
    const errorsOf = (row: Record<string, unknown>) => {
      const v = validateRow({ line: 2, text: JSON.stringify(row) });
      return 'errors' in v ? v.errors : [];
    };
    expect(errorsOf(good)).toEqual([]);
    const channel = errorsOf({ ...good, intakeChannel: 'carrier-pigeon' });
    expect(channel).toEqual([{ line: 2, field: 'intakeChannel', message: expect.stringMatching(/^Invalid option: expected one of .*outlet/) }]);
    // The message names what is allowed, not the value sent (it may hold personal data).
    expect(channel[0]?.message).not.toContain('carrier-pigeon');
    for (const field of ['businessCategory', 'receivedAt', 'orgId']) {
      const e = errorsOf({ ...good, [field]: 12 });
      expect(e).toEqual([expect.objectContaining({ field })]);
      expect(e[0]?.message).not.toBe('Invalid input');
    }
  });

  it('refuses a lone UTF-16 surrogate escape in an NDJSON row, naming the field', () => {
    const good = randomHistory(8, 1)[0] as Record<string, unknown>;
    const line = JSON.stringify({ ...good, description: 'PLACEHOLDER' }).replace('PLACEHOLDER', '\\ud800 年费');
    expect(validateRow({ line: 5, text: line })).toEqual({ errors: [{ line: 5, field: 'description', message: expect.stringMatching(/lone UTF-16 surrogate/) }] });
    // A pair written as two escapes is text.
    const pair = JSON.stringify({ ...good, description: 'PLACEHOLDER' }).replace('PLACEHOLDER', '\\ud83d\\ude00 年费');
    expect(validateRow({ line: 6, text: pair })).toEqual({ record: expect.objectContaining({ description: '\u{1F600} 年费' }) });
  });

  it('keeps the checked records on disk, in order, and finds a repeated source id with its first line', () => {
    const spill = openSpill();
    try {
      for (let i = 0; i < 2_500; i++) expect(spill.add(`S-${i}`, `line ${i + 2}`, JSON.stringify({ i }))).toBeUndefined();
      expect(spill.add('S-7', 'line 9999', null)).toBe('line 9');
      spill.finish();
      expect(spill.count).toBe(2_500);
      const batches = [...spill.batches(1_000)];
      expect(batches.map((b) => b.length)).toEqual([1_000, 1_000, 500]);
      expect(batches.flat().map((r) => r.sourceId)).toEqual(Array.from({ length: 2_500 }, (_, i) => `S-${i}`));
      expect(batches.flat().at(-1)?.complaint).toBe('{"i":2499}');
    } finally {
      spill.close();
    }
  });
});

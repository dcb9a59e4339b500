import { describe, expect, it } from 'vitest';
import { HistoryRecord } from './history-record.js';

const row = { sourceId: 'OLD-1', orgId: 'SB-440301', intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0302', cause: 'C11' };

describe('times in a history file', () => {
  it.each([
    ['2024-03-01T09:00:00+08:00', '2024-03-01T09:00:00+08:00'],
    ['2024-03-01T01:00:00Z', '2024-03-01T01:00:00Z'],
    ['2024-03-01 09:00', '2024-03-01T09:00:00+08:00'],
    ['2024-03-01 09:00:05', '2024-03-01T09:00:05+08:00'],
    ['2024/3/1 9:05', '2024-03-01T09:05:00+08:00'],
    [' 2024-03-01 23:59:59.5 ', '2024-03-01T23:59:59.5+08:00'],
    ['2024-02-29 10:00', '2024-02-29T10:00:00+08:00'],
  ])('reads %s as %s (no offset: bank time, UTC+8)', (given, stored) => {
    const r = HistoryRecord.safeParse({ ...row, receivedAt: given, decidedAt: given });
    expect(r.success && [r.data.receivedAt, r.data.decidedAt]).toEqual([stored, stored]);
    if (r.success) expect(Date.parse(r.data.receivedAt)).toBe(Date.parse(stored));
  });

  it.each([
    ['2025-02-29 10:00', 'no such date: 2025-02-29; that month has 28 days'],
    ['2025/2/29 9:00', 'no such date: 2025-02-29; that month has 28 days'],
    ['2025-02-30T10:00:00+08:00', 'no such date: 2025-02-30; that month has 28 days'],
    ['2024-04-31 10:00', 'no such date: 2024-04-31; that month has 30 days'],
    ['2024-13-01 10:00', 'no such date: 2024-13-01; months are 01 to 12'],
    ['2024-00-10 10:00', 'no such date: 2024-00-10; months are 01 to 12'],
    ['2024-03-01 24:00', 'no such time of day: 24:00:00 (hours are 00 to 23, minutes and seconds 00 to 59)'],
  ])('refuses %s, saying there is no such date or time', (given, message) => {
    const r = HistoryRecord.safeParse({ ...row, receivedAt: given });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['receivedAt'], message })]);
  });

  it.each(['2024-03-01', '01/03/2024 09:00', 'yesterday', '2024-03-01T09:00:00+8'])(
    'refuses %s, saying what it takes',
    (given) => {
      const r = HistoryRecord.safeParse({ ...row, receivedAt: given });
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['receivedAt'], message: expect.stringContaining('bank time (2024-03-01 09:00)') })]);
    },
  );
});

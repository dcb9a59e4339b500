import type { ComplaintRowInput } from '../src/input/complaint-row.js';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-06-01T00:00:00Z');
export const at = (day: number) => new Date(T0 + day * DAY).toISOString();

let counter = 0;
/** A closed complaint received on `day` (days after T0) by `customerId`, with overrides. */
export function row(day: number, customerId: string | null, over: Partial<ComplaintRowInput> = {}): ComplaintRowInput {
  counter++;
  const id = `CK20260601-${String(counter).padStart(6, '0')}`;
  return {
    id,
    status: 'closed',
    receivedAt: at(day),
    updatedAt: at(day + 1),
    intakeChannel: 'hotline',
    businessCategory: 'B0302',
    customerId,
    ...over,
  };
}

import { type Complaint, ComplaintListQuery } from '@complaintkit/core/domain';
import { generateDemoBank } from '../../seed/index.js';
import type { Store } from '../../store/store.js';
import { type TrainingExample, complaintText } from '../model/train.js';

/**
 * The training example of a stored complaint: its words and the codes finally chosen.
 *
 * @example
 * ```ts
 * exampleOf(complaint); // { text: '客户反映信用卡：…', businessCategory: 'B0302', cause: 'C11' }
 * ```
 */
export const exampleOf = (c: Pick<Complaint, 'description' | 'requestedResolution' | 'businessCategory' | 'cause'>): TrainingExample => ({
  text: complaintText(c),
  businessCategory: c.businessCategory,
  cause: c.cause,
});

/**
 * The demo bank's complaints as training examples, in receipt order (what the shipped model is
 * trained on; see `complaintkit-server train --demo`).
 *
 * @example
 * ```ts
 * demoBankExamples({ seed: 42, now: Date.parse('2026-11-29T00:00:00Z') }).length; // about 4,700
 * ```
 */
export function demoBankExamples(options: { seed?: number; now?: number; months?: number }): TrainingExample[] {
  return generateDemoBank(options).complaints.map(exampleOf);
}

/**
 * Every complaint in a store (SQLite or PostgreSQL, including imported history) as training
 * examples, sorted by complaint number so the same data always trains the same model.
 *
 * @example
 * ```ts
 * const examples = await storeExamples(store);
 * ```
 */
export async function storeExamples(store: Store, now: number = Date.now()): Promise<TrainingExample[]> {
  const all: Complaint[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listComplaints({ kind: 'all' }, ComplaintListQuery.parse({ limit: 100, ...(cursor !== undefined && { cursor }) }), now);
    all.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(exampleOf);
}

import { DAY } from '../clock/time.js';
import type { ComplaintFacts } from './facts.js';

/**
 * How many days back a complaint of the same customer on the same B major class makes a new one a
 * repeat (docs/domain/metrics.md, Repeat complaint). Configurable per service; 30 by default.
 *
 * @example
 * ```ts
 * markRepeats(facts, DEFAULT_REPEAT_WINDOW_DAYS);
 * ```
 */
export const DEFAULT_REPEAT_WINDOW_DAYS = 30;

/**
 * Whether complaint `a` came before complaint `b` (received earlier; on a tie, the smaller number).
 * The order the service's SQL uses too, so "before" is never ambiguous.
 *
 * @example
 * ```ts
 * isEarlier({ receivedAt: 1, id: 'CK…2' }, { receivedAt: 1, id: 'CK…3' }); // true
 * ```
 */
export const isEarlier = (a: Pick<ComplaintFacts, 'receivedAt' | 'id'>, b: Pick<ComplaintFacts, 'receivedAt' | 'id'>): boolean =>
  a.receivedAt < b.receivedAt || (a.receivedAt === b.receivedAt && a.id < b.id);

/**
 * Sets `isRepeat` on every complaint: **repeat** = another complaint of the same customer (its
 * `customerKey`: the retail customer id, docs/domain/metrics.md) on the same B major class was received at most `windowDays` days
 * before it (any complaint, merged or declined ones included: the customer did complain). A complaint
 * with no known customer is never a repeat. Returns new objects; the input is not changed.
 *
 * @example
 * ```ts
 * const marked = markRepeats(facts, 30);
 * marked.filter((f) => f.isRepeat).length;
 * ```
 */
export function markRepeats(facts: readonly ComplaintFacts[], windowDays: number = DEFAULT_REPEAT_WINDOW_DAYS): ComplaintFacts[] {
  const groups = new Map<string, ComplaintFacts[]>();
  for (const f of facts) {
    if (f.customerKey === null) continue;
    const k = `${f.customerKey}\u0000${f.businessMajor}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const repeat = new Set<string>();
  for (const g of groups.values()) {
    g.sort((a, b) => (isEarlier(a, b) ? -1 : isEarlier(b, a) ? 1 : 0));
    for (let i = 1; i < g.length; i++) {
      const cur = g[i] as ComplaintFacts;
      const prev = g[i - 1] as ComplaintFacts;
      if (cur.receivedAt - prev.receivedAt <= windowDays * DAY) repeat.add(cur.id);
    }
  }
  return facts.map((f) => ({ ...f, isRepeat: repeat.has(f.id) }));
}

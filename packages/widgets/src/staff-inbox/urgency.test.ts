import { describe, expect, it } from 'vitest';
import { byUrgency, urgencyOf } from './urgency.js';

const H = 3_600_000;
const now = Date.parse('2026-03-10T00:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const c = (dueIn: number | null, warnIn: number | null = null, paused = false, reviewIn: number | null = null, reviewWarnIn: number | null = null) => ({
  deadlines: {
    clockStartedAt: at(-10 * 24 * H),
    decisionDueAt: dueIn === null ? null : at(dueIn),
    warnAt: warnIn === null ? null : at(warnIn),
    extensionLevel: 0 as const,
    paused,
    reviewDueAt: reviewIn === null ? null : at(reviewIn),
    reviewWarnAt: reviewWarnIn === null ? null : at(reviewWarnIn),
    calendarCovered: true,
  },
});

describe('inbox urgency', () => {
  it('says overdue, due soon, on track or paused, with the time left or over', () => {
    expect(urgencyOf(c(-30 * H), now)).toMatchObject({ state: 'overdue', days: 2 });
    expect(urgencyOf(c(5 * H, -H), now)).toMatchObject({ state: 'due_soon', hours: 5, days: 0 });
    expect(urgencyOf(c(50 * H, 20 * H), now)).toMatchObject({ state: 'on_track', days: 2 });
    expect(urgencyOf(c(null, null, true), now).state).toBe('paused');
    // Under review, the review's deadline counts.
    expect(urgencyOf(c(-100 * H, null, false, 48 * H), now)).toMatchObject({ state: 'on_track', days: 2 });
    // … and its own warning time: due soon ahead of the review's deadline, whatever the decision's said.
    expect(urgencyOf(c(-100 * H, 10 * H, false, 48 * H, -H), now)).toMatchObject({ state: 'due_soon', days: 2 });
    expect(urgencyOf(c(-100 * H, -200 * H, false, 48 * H, 10 * H), now)).toMatchObject({ state: 'on_track', days: 2 });
  });

  it('sorts the most urgent first and paused ones last', () => {
    const items = [c(50 * H), c(null, null, true), c(-30 * H), c(5 * H)];
    expect(items.sort(byUrgency(now)).map((i) => urgencyOf(i, now).state)).toEqual(['overdue', 'on_track', 'on_track', 'paused']);
  });
});

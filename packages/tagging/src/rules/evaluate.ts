import { tagCode } from '../catalogue/tag-codes.js';
import { type ComplaintFacts, SEVERITY } from '../engine/facts.js';
import type { RuleSet, TagRule } from './schema.js';

/** @internal */
export const DAY_MS = 86_400_000;

/**
 * One tag a rule assigns to a customer at an instant: the code, its validity and its evidence.
 * Times are epoch milliseconds; `validUntil` is `null` for a tag that lasts until its cause ends
 * (an overdue complaint is decided).
 *
 * @example
 * ```ts
 * const t: RuleResult = { code: 'repeat_complainer', validFrom: 0, validUntil: 86_400_000, evidence: ['CK20260301-000001'], ruleVersion: 'repeat_complainer@1' };
 * ```
 */
export interface RuleResult {
  readonly code: string;
  readonly validFrom: number;
  readonly validUntil: number | null;
  /** Complaint numbers, in the order they were received. */
  readonly evidence: readonly string[];
  /** `<rule kind>@<rule version>`. */
  readonly ruleVersion: string;
}

/**
 * A rule set prepared for evaluation: the enabled rules, and the durations after which any rule's
 * answer can change (every window and recency step), which tell an incremental run whom to revisit.
 *
 * @example
 * ```ts
 * const compiled = compileRules(RuleSet.parse(json));
 * compiled.horizonMs; // the longest window, in ms
 * ```
 */
export interface CompiledRules {
  readonly set: RuleSet;
  readonly rules: readonly TagRule[];
  readonly durationsMs: readonly number[];
  /** The longest window: a decided complaint older than this at every instant it has no longer counts. */
  readonly horizonMs: number;
  /** How long a complaint can matter, given what it is: see {@link stillRelevant}. */
  readonly horizonOf: (f: ComplaintFacts) => number;
  /** Whether undecided complaints matter for as long as they stay undecided (the overdue rule is on). */
  readonly keepsUndecided: boolean;
  /** @internal the windows after which a complaint's own facts leave some rule: see {@link nextChangeAt}. */
  readonly leaves: Leaves;
}

/**
 * @internal for each kind of fact, the windows of the rules that can count it: when a fact that
 * counts leaves one of them, that rule's answer may change. A complaint leaves only the windows of
 * the rules it counts in (a plain complaint has no year-long regulator window to leave).
 */
interface Leaves {
  /** Counted by its receipt whatever it is: repeat, recent, churn. */
  readonly received: readonly number[];
  readonly regulator: number | null;
  /** By severity code (0–3). */
  readonly severity: readonly (number | null)[];
  readonly priority: number | null;
  /** Dissatisfaction after a response counts from the follow-up (when unhappy) and the review request. */
  readonly followUp: { readonly windowMs: number; readonly maxScore: number; readonly refused: boolean } | null;
  readonly review: number | null;
  /** Churn risk's recency steps, counted from the latest complaint in its window. */
  readonly churn: { readonly windowMs: number; readonly stepsMs: readonly number[] } | null;
}

/**
 * Prepares a parsed rule set for {@link evaluateCustomer}.
 *
 * @example
 * ```ts
 * const compiled = compileRules(BUILT_IN_RULES);
 * ```
 */
export function compileRules(set: RuleSet): CompiledRules {
  const rules = set.rules.filter((r) => r.enabled);
  const durations = new Set<number>();
  for (const r of rules) {
    if ('windowDays' in r) durations.add(r.windowDays * DAY_MS);
    if (r.kind === 'churn_risk') for (const s of r.recencySteps) durations.add(s.withinDays * DAY_MS);
  }
  const durationsMs = [...durations].sort((a, b) => a - b);
  // Per rule, the window for the complaints that rule can count: a plain complaint need not be kept
  // for the year a regulator-referred one is.
  let any = 0;
  let regulator = 0;
  let unhappy = 0;
  let priority = 0;
  const severity = [0, 0, 0, 0];
  for (const r of rules) {
    const w = 'windowDays' in r ? r.windowDays * DAY_MS : 0;
    if (r.kind === 'repeat_complainer' || r.kind === 'recent_complaint' || r.kind === 'churn_risk') any = Math.max(any, w);
    if (r.kind === 'regulator_referred') regulator = w;
    if (r.kind === 'dissatisfied_after_response') unhappy = w;
    if (r.kind === 'priority_group') priority = w;
    if (r.kind === 'sensitive_case') for (const sv of r.severities) severity[SEVERITY[sv]] = w;
  }
  const horizonOf = (f: ComplaintFacts) =>
    Math.max(
      any,
      f.regulator ? regulator : 0,
      severity[f.severity] ?? 0,
      f.priority.length ? priority : 0,
      f.reviewAt !== null || f.accepted === false || (f.score !== null && f.score <= 4) ? unhappy : 0,
    );
  const received = new Set<number>();
  let leaveRegulator: number | null = null;
  const leaveSeverity: (number | null)[] = [null, null, null, null];
  let leavePriority: number | null = null;
  let followUp: Leaves['followUp'] = null;
  let review: number | null = null;
  let churn: Leaves['churn'] = null;
  for (const r of rules) {
    const w = 'windowDays' in r ? r.windowDays * DAY_MS : 0;
    if (r.kind === 'repeat_complainer' || r.kind === 'recent_complaint' || r.kind === 'churn_risk') received.add(w);
    if (r.kind === 'regulator_referred') leaveRegulator = w;
    if (r.kind === 'sensitive_case') for (const sv of r.severities) leaveSeverity[SEVERITY[sv]] = w;
    if (r.kind === 'priority_group') leavePriority = w;
    if (r.kind === 'dissatisfied_after_response') {
      followUp = { windowMs: w, maxScore: r.maxSatisfaction, refused: r.decisionRefused };
      if (r.reviewRequested) review = w;
    }
    if (r.kind === 'churn_risk') churn = { windowMs: w, stepsMs: r.recencySteps.map((st) => st.withinDays * DAY_MS) };
  }
  return {
    set,
    rules,
    durationsMs,
    horizonMs: durationsMs.at(-1) ?? 0,
    horizonOf,
    keepsUndecided: rules.some((r) => r.kind === 'open_overdue_complaint'),
    leaves: { received: [...received], regulator: leaveRegulator, severity: leaveSeverity, priority: leavePriority, followUp, review, churn },
  };
}

/** @internal the instants at which a complaint's facts happened. */
function* times(f: ComplaintFacts): Generator<number> {
  yield f.receivedAt;
  if (f.followUpAt !== null) yield f.followUpAt;
  if (f.reviewAt !== null) yield f.reviewAt;
}

/**
 * Whether a complaint can still affect any rule at `asOf` or later: undecided with a deadline (while
 * the overdue rule is on), or with a fact inside the longest window of the rules that can count it.
 * The engine forgets the others, which keeps its memory in proportion to customers and their recent
 * complaints, not to all complaints ever read. A pure function of the complaint and the instant, and
 * false forever once false: what keeps an incremental run equal to a full one.
 *
 * @example
 * ```ts
 * if (!stillRelevant(f, asOf, compiled)) drop(f);
 * ```
 */
export function stillRelevant(f: ComplaintFacts, asOf: number, compiled: CompiledRules): boolean {
  if (compiled.keepsUndecided && f.undecided && f.dueAt !== null) return true;
  const horizon = compiled.horizonOf(f);
  for (const t of times(f)) if (t > asOf - horizon) return true;
  return false;
}

/**
 * The first instant after `asOf` at which some rule's answer for these complaints may change, or
 * `null`: a dated fact comes due (received, followed up, review requested, a decision deadline), a
 * fact leaves the window of a rule that counts it, or churn risk's latest complaint crosses a recency
 * step. Never later than the real change (an incremental run revisits the customer then), and no
 * earlier than needed: a plain complaint has no regulator window to leave, and only the latest
 * complaint moves churn risk's recency, so a daily run does not re-read customers whose tags cannot
 * have changed.
 *
 * @example
 * ```ts
 * const revisitAt = nextChangeAt(facts, asOf, compiled);
 * ```
 */
export function nextChangeAt(facts: readonly ComplaintFacts[], asOf: number, compiled: CompiledRules): number | null {
  const l = compiled.leaves;
  let next = Number.POSITIVE_INFINITY;
  const at = (t: number) => {
    if (t > asOf && t < next) next = t;
  };
  let latest = Number.NEGATIVE_INFINITY;
  for (const f of facts) {
    if (f.undecided && f.dueAt !== null && f.dueAt >= asOf && f.dueAt < next) next = f.dueAt;
    const r = f.receivedAt;
    at(r);
    for (const w of l.received) at(r + w);
    if (f.regulator && l.regulator !== null) at(r + l.regulator);
    const sw = l.severity[f.severity];
    if (sw !== null && sw !== undefined) at(r + sw);
    if (f.priority.length && l.priority !== null) at(r + l.priority);
    if (f.followUpAt !== null) {
      at(f.followUpAt);
      const fu = l.followUp;
      if (fu && ((f.score !== null && f.score <= fu.maxScore) || (fu.refused && f.accepted === false))) at(f.followUpAt + fu.windowMs);
    }
    if (f.reviewAt !== null) {
      at(f.reviewAt);
      if (l.review !== null) at(f.reviewAt + l.review);
    }
    if (l.churn && r <= asOf && r > asOf - l.churn.windowMs && r > latest) latest = r;
  }
  if (l.churn && latest !== Number.NEGATIVE_INFINITY) for (const d of l.churn.stepsMs) at(latest + d);
  return next === Number.POSITIVE_INFINITY ? null : next;
}

/** @internal in (asOf - window, asOf]: a fact exactly one window old no longer counts. */
const inWindow = (t: number | null, asOf: number, windowMs: number): t is number => t !== null && t <= asOf && t > asOf - windowMs;

/** @internal a tag from instants: valid from the first, until the last leaves the window. */
function spanTag(code: string, hits: readonly { id: string; at: number }[], windowMs: number, ruleVersion: string): RuleResult {
  let from = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const ids: string[] = [];
  const sorted = [...hits].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  for (const h of sorted) {
    if (h.at < from) from = h.at;
    if (h.at > last) last = h.at;
    if (!ids.includes(h.id)) ids.push(h.id);
  }
  // A copy of exactly its length: an array grown by push keeps room for 16 more, and the engine keeps
  // every tag's evidence.
  return { code, validFrom: from, validUntil: last + windowMs, evidence: ids.slice(), ruleVersion };
}

/** @internal complaints received in the window, oldest first. */
const receivedIn = (facts: readonly ComplaintFacts[], asOf: number, windowMs: number) =>
  facts.filter((f) => inWindow(f.receivedAt, asOf, windowMs)).sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));

/** @internal */
const groupTags = (
  family: 'recent_complaint:' | 'priority_group:',
  groups: Map<string, { id: string; at: number }[]>,
  windowMs: number,
  ruleVersion: string,
): RuleResult[] => [...groups].map(([param, hits]) => spanTag(tagCode(family, param as never), hits, windowMs, ruleVersion));

/** @internal */
const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** @internal `<kind>@<version>` of each rule, made once: every tag the rule assigns shares the string. */
const VERSIONS = new WeakMap<TagRule, string>();
/** @internal */
const versionOf = (rule: TagRule): string => {
  let v = VERSIONS.get(rule);
  if (v === undefined) {
    v = `${rule.kind}@${rule.version}`;
    VERSIONS.set(rule, v);
  }
  return v;
};

/** @internal one rule over one customer's complaints. */
function evaluateRule(rule: TagRule, facts: readonly ComplaintFacts[], asOf: number): RuleResult[] {
  const ruleVersion = versionOf(rule);
  switch (rule.kind) {
    case 'repeat_complainer': {
      const w = rule.windowDays * DAY_MS;
      const hits = receivedIn(facts, asOf, w);
      const n = rule.minComplaints;
      if (hits.length < n) return [];
      // True since the n-th of these arrived; stays true until enough of them leave the window.
      return [
        {
          code: tagCode('repeat_complainer'),
          validFrom: hits[n - 1]!.receivedAt,
          validUntil: hits[hits.length - n]!.receivedAt + w,
          evidence: hits.map((f) => f.id),
          ruleVersion,
        },
      ];
    }
    case 'recent_complaint': {
      const w = rule.windowDays * DAY_MS;
      const groups = new Map<string, { id: string; at: number }[]>();
      for (const f of facts) {
        if (!inWindow(f.receivedAt, asOf, w)) continue;
        const cat = rule.level === 'major' ? f.category.slice(0, 3) : f.category;
        if (rule.categories && !rule.categories.includes(cat as never)) continue;
        push(groups, cat, { id: f.id, at: f.receivedAt });
      }
      return groupTags('recent_complaint:', groups, w, ruleVersion);
    }
    case 'dissatisfied_after_response': {
      const w = rule.windowDays * DAY_MS;
      const hits: { id: string; at: number }[] = [];
      for (const f of facts) {
        const unhappy = (f.score !== null && f.score <= rule.maxSatisfaction) || (rule.decisionRefused && f.accepted === false);
        if (unhappy && inWindow(f.followUpAt, asOf, w)) hits.push({ id: f.id, at: f.followUpAt });
        if (rule.reviewRequested && inWindow(f.reviewAt, asOf, w)) hits.push({ id: f.id, at: f.reviewAt });
      }
      return hits.length ? [spanTag(tagCode('dissatisfied_after_response'), hits, w, ruleVersion)] : [];
    }
    case 'regulator_referred':
    case 'sensitive_case': {
      const w = rule.windowDays * DAY_MS;
      const minSeverity = rule.kind === 'sensitive_case' ? new Set<number>(rule.severities.map((s) => SEVERITY[s])) : null;
      const hits = facts
        .filter((f) => inWindow(f.receivedAt, asOf, w) && (minSeverity ? minSeverity.has(f.severity) : f.regulator))
        .map((f) => ({ id: f.id, at: f.receivedAt }));
      return hits.length ? [spanTag(tagCode(rule.kind), hits, w, ruleVersion)] : [];
    }
    case 'priority_group': {
      const w = rule.windowDays * DAY_MS;
      const groups = new Map<string, { id: string; at: number }[]>();
      for (const f of facts) {
        if (!inWindow(f.receivedAt, asOf, w)) continue;
        for (const m of f.priority) {
          const [group, basis] = m.split(':') as [string, string];
          if (!rule.bases.includes(basis as never) || (rule.groups && !rule.groups.includes(group as never))) continue;
          push(groups, group, { id: f.id, at: f.receivedAt });
        }
      }
      return groupTags('priority_group:', groups, w, ruleVersion);
    }
    case 'open_overdue_complaint': {
      const overdue = facts
        .filter((f) => f.undecided && f.dueAt !== null && f.dueAt < asOf && f.receivedAt <= asOf)
        .sort((a, b) => a.dueAt! - b.dueAt! || (a.id < b.id ? -1 : 1));
      if (!overdue.length) return [];
      return [{ code: tagCode('open_overdue_complaint'), validFrom: overdue[0]!.dueAt!, validUntil: null, evidence: overdue.map((f) => f.id), ruleVersion }];
    }
    case 'churn_risk':
      return churnRisk(rule, facts, asOf, ruleVersion);
  }
}

/**
 * The churn-risk score in [0, 1] of one customer's complaints at `asOf`, and its band.
 *
 * @example
 * ```ts
 * const { score, band } = churnScore(rule, facts, asOf) ?? {};
 * ```
 */
export function churnScore(
  rule: Extract<TagRule, { kind: 'churn_risk' }>,
  facts: readonly ComplaintFacts[],
  asOf: number,
): { score: number; band: 'low' | 'medium' | 'high'; hits: ComplaintFacts[] } | null {
  const w = rule.windowDays * DAY_MS;
  const hits = receivedIn(facts, asOf, w);
  if (!hits.length) return null;
  const age = asOf - hits[hits.length - 1]!.receivedAt;
  const recency = rule.recencySteps.find((s) => age < s.withinDays * DAY_MS)?.score ?? 0;
  const frequency = Math.min(hits.length / rule.frequencyCap, 1);
  let severity = 0;
  let dissatisfaction = 0;
  for (const f of hits) {
    severity = Math.max(severity, f.regulator || f.severity >= 2 ? 1 : f.severity === 1 ? 0.5 : 0);
    const followedUp = f.followUpAt !== null && f.followUpAt <= asOf;
    if ((f.reviewAt !== null && f.reviewAt <= asOf) || (followedUp && (f.accepted === false || (f.score !== null && f.score <= 2)))) dissatisfaction = 1;
    else if (followedUp && f.score === 3) dissatisfaction = Math.max(dissatisfaction, 0.5);
  }
  const ws = rule.weights;
  const total = ws.recency + ws.frequency + ws.severity + ws.dissatisfaction || 1;
  const raw = (ws.recency * recency + ws.frequency * frequency + ws.severity * severity + ws.dissatisfaction * dissatisfaction) / total;
  const score = Math.round(raw * 10_000) / 10_000;
  const band = score >= rule.bands.high ? 'high' : score >= rule.bands.medium ? 'medium' : 'low';
  return { score, band, hits };
}

/** @internal churn risk with its validity: from the latest change of its inputs, until the next. */
function churnRisk(rule: Extract<TagRule, { kind: 'churn_risk' }>, facts: readonly ComplaintFacts[], asOf: number, ruleVersion: string): RuleResult[] {
  const result = churnScore(rule, facts, asOf);
  if (!result) return [];
  const w = rule.windowDays * DAY_MS;
  const latest = result.hits[result.hits.length - 1]!.receivedAt;
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  for (const f of result.hits) {
    for (const t of times(f)) if (t <= asOf && t > from) from = t;
    if (f.receivedAt + w < until) until = f.receivedAt + w;
  }
  for (const s of rule.recencySteps) {
    const at = latest + s.withinDays * DAY_MS;
    if (at <= asOf && at > from) from = at;
    if (at > asOf && at < until) until = at;
  }
  return [{ code: tagCode('churn_risk:', result.band), validFrom: from, validUntil: until, evidence: result.hits.map((f) => f.id), ruleVersion }];
}

/**
 * Every tag the rules assign to one customer at `asOf`, sorted by code. A pure function of the
 * complaints and the instant: the same inputs always give the same tags, which is what makes an
 * incremental run equal to a full one.
 *
 * @example
 * ```ts
 * evaluateCustomer(facts, Date.parse('2026-11-29T00:00:00+08:00'), compileRules(BUILT_IN_RULES));
 * ```
 */
export function evaluateCustomer(facts: readonly ComplaintFacts[], asOf: number, compiled: CompiledRules): RuleResult[] {
  const out: RuleResult[] = [];
  for (const rule of compiled.rules) for (const r of evaluateRule(rule, facts, asOf)) out.push(r);
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export { AGGREGATE_IDS, AGGREGATES, type AggregateDefinition, type AggregateId, type Aggregates, emptyAggregates } from './aggregates.js';
export {
  addBankDays,
  bankDayOf,
  type DayRange,
  daysIn,
  endOfBankDay,
  type Interval,
  monthsIn,
  type Period,
  periodOf,
  periodsCovering,
  previousPeriod,
  previousRange,
  sameDayYearEarlier,
  yearEarlierPeriod,
  yearEarlierRange,
} from './bank-days.js';
export { type Change, compare } from './change.js';
export { METRIC_IDS, METRICS, type MetricDefinition, type MetricId, type MetricInputs, metricValues } from './definitions.js';
export { DIMENSION_COLUMNS, DIMENSIONS, type Dimension, dimensionKey, type OrgGroups } from './dimensions.js';
export { type ComplaintFacts, type FactPaths, factsOf, NOT_REGIONAL } from './facts.js';
export { type FactFilter, matchesFilter } from './filter.js';
export { type Population, POPULATIONS } from './populations.js';
export { nearestRank, quantileRank } from './quantile.js';
export { DEFAULT_REPEAT_WINDOW_DAYS, isEarlier, markRepeats } from './repeats.js';
export { compareKeys, computeReport, isOverdueAt, type ReportResult, type ReportRow, type ReportSpec } from './report.js';

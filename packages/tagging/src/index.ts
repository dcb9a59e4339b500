/**
 * `@complaintkit/tagging`: links complainants and business types to retail-customer labels for the CRM.
 * Read complaints (files or the service), link them to customers, apply versioned tag rules in a
 * streaming, incremental engine, and export snapshots and deltas the CRM imports safely
 * (docs/domain/tags.md).
 *
 * @example
 * ```ts
 * import { BUILT_IN_RULES, TagEngine, readNdjson } from '@complaintkit/tagging';
 * const engine = new TagEngine({ rules: BUILT_IN_RULES });
 * await engine.run(readNdjson('complaints.ndjson'), { asOf: '2026-11-29T00:00:00+08:00' });
 * ```
 *
 * @packageDocumentation
 */
export { TAG_DEFINITIONS, type TagDefinition, type TagParameter, tagCode } from './catalogue/tag-codes.js';
export { COMPLAINT_ROW_FIELDS, ComplaintRow, type ComplaintRowInput, checkComplaintRow, complaintToRow } from './input/complaint-row.js';
export { type CompiledCheck, compileCheck, compileCheckSource } from './input/compiled-check.js';
export { InputError, issuesToInputError } from './input/errors.js';
export { readComplaintBatches, readComplaintFile, readCsv, readNdjson, readNdjsonBatches, type SourcedRow } from './input/read-complaints.js';
export { type ByteRange, readLineBatches, readLines } from './input/read-lines.js';
export { KeyIndex } from './identity/key-index.js';
export { type Link, Linker } from './identity/link.js';
export {
  ChurnRiskRule,
  DissatisfiedRule,
  OpenOverdueRule,
  PriorityGroupRule,
  RecentComplaintRule,
  RegulatorReferredRule,
  RepeatComplainerRule,
  RuleSet,
  type RuleSetInput,
  SensitiveCaseRule,
  TagRule,
  type TagRuleInput,
} from './rules/schema.js';
export { BUILT_IN_RULES } from './rules/built-in.js';
export { defineRules, loadRules } from './rules/load.js';
export {
  type CompiledRules,
  churnScore,
  compileRules,
  evaluateCustomer,
  nextChangeAt,
  type RuleResult,
  stillRelevant,
} from './rules/evaluate.js';
export { type ComplaintFacts, toFacts } from './engine/facts.js';
export { type Source, toAsyncIterable } from './engine/source.js';
export { type EngineInput, type RunOptions, type RunSummary, TagEngine, type TagEngineOptions, type Unlinked } from './engine/engine.js';
export { readSnapshot, writeSnapshot } from './engine/snapshot.js';
export { currentTags, type TagAssignment, type TagEvent, tagKey } from './model/assignment.js';
export { EventLog, RunLog } from './model/event-log.js';
export { csvCell, csvLine } from './export/csv.js';
export { EXPORT_COLUMNS, type ExportColumn, FieldNames, type FieldNamesInput } from './export/fields.js';
export { deltaRows, type ExportManifest, ExportOptionError, type ExportOptions, type ExportRow, snapshotRows, writeExport } from './export/write-export.js';
export { type ReconcileReport, type ResultFiles, reconcile } from './reconcile/reconcile.js';
export { readService, type ServiceSourceOptions } from './input/read-service.js';
export { changedAssignments, type PublishOptions, publishTags } from './publish/publish-tags.js';
export { runCli } from './cli/main.js';
export { UsageError } from './cli/build.js';

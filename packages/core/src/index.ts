/**
 * `@complaintkit/core`: the typed ComplaintKit client. This root holds what a client user names:
 * the client and its options, the resources and their types, pagination, the error classes, and the
 * domain types the client takes and returns (as types). The complaint domain itself (schemas,
 * lifecycle, clocks, taxonomy, masking, the endpoint contract) is `@complaintkit/core/domain`; the
 * offline outbox is `@complaintkit/core/outbox`.
 *
 * @example
 * ```ts
 * import { createComplaintClient, InvalidTransitionError, type Complaint } from '@complaintkit/core';
 * const client = createComplaintClient({ baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN });
 * ```
 *
 * @packageDocumentation
 */

// The client and its options.
export { type ComplaintClient, createComplaintClient, type EndpointInput } from './client.js';
export type { ClientEvent, ClientEventType, Logger, LogLevel } from './core/events.js';
export type { ClientOptions, HeadersLike, RequestOptions, RetryPolicy, TokenProvider, ValidationMode } from './core/options.js';

// Pagination.
export { Page } from './core/page.js';
export { PagePromise } from './core/page-promise.js';

// Errors.
export * from './core/errors/index.js';

// Resources.
export type { ComplaintActionMethods, ComplaintsResource, StreamOptions, WatchOptions } from './resources/complaints.js';
export type { ClassificationResource } from './resources/classification.js';
export type { IdentityResource, OrganisationList } from './resources/identity.js';
export type { AlertRulesResource, AlertsResource } from './resources/alerts.js';
export type { HistoryResource, ReportsResource } from './resources/reports.js';
export type { Reminders, RemindersOptions } from './resources/reminders.js';
export type { TagsResource } from './resources/tags.js';

// The domain types the client takes and returns (the schemas and functions are in `@complaintkit/core/domain`).
export type { Endpoint } from './domain/contract/endpoints.js';
export type { ComplaintAction, ComplaintStatus } from './domain/lifecycle/states.js';
export type { ActionInput, ActionInputs } from './domain/schemas/actions.js';
export type { Actor, Organisation, StaffRole, TimelineActor } from './domain/schemas/actor.js';
export type { Complaint, ComplaintCreateInput, Deadlines, TimelineEvent } from './domain/schemas/complaint.js';
export type { ComplaintListQueryInput } from './domain/schemas/query.js';
export type { ChangedComplaint, ComplaintChangesQueryInput } from './domain/schemas/changes.js';
export type { CustomerTag, CustomerTagImportInput, CustomerTagImportResult, CustomerTags } from './domain/schemas/customer-tags.js';
export type { ClassificationSuggestions, SuggestClassificationInput, SuggestionRecord } from './domain/schemas/suggestion.js';
export type { ComplaintChange, Me } from './domain/schemas/stream.js';
export type { Alert, AlertRule, AlertRuleInputData, AlertRulePatch, AlertEvaluation } from './domain/schemas/alerts.js';
export type { HeatMap, RegulatorStatistics, Report, ReportQueryInput, Trend, TrendQueryInput, HeatMapQueryInput } from './domain/schemas/reports.js';
export type { ImportRequestInput, ImportSummary } from './domain/schemas/history-import.js';
export type { BusinessCategoryCode, BusinessChannelCode, ComplaintCauseCode, IntakeChannelCode } from './domain/taxonomy/codes.js';

/**
 * `@complaintkit/server`: the ComplaintKit reference complaint service. Start it with
 * {@link startServer}, or mount {@link createApp} in your own Hono server.
 *
 * @example
 * ```ts
 * import { startServer } from '@complaintkit/server';
 * const server = await startServer({ port: 8787, dataDir: './data', seed: 42 });
 * ```
 *
 * @packageDocumentation
 */
export { createApp } from './app.js';
export { CalendarFileError, HolidayCalendarFile, HolidayYearEntry, parseHolidayCalendarFile } from './calendar/calendar-file.js';
export { calendarCoverage, type LoadedCalendar, loadCalendar } from './calendar/load-calendar.js';
export type { AppDeps } from './routes/deps.js';
export type { ReadinessCheck } from './routes/health.js';
export type { Caller } from './auth/caller.js';
export { issueToken, verifyToken, type TokenClaims } from './auth/token.js';
export type { ServerOptions } from './config.js';
export { DEFAULT_LIMITS, type Limits } from './http/limits.js';
export { EXAMPLE_PAGES_CSP } from './http/example-pages.js';
export { InFlight } from './http/in-flight.js';
export type { DateBounds } from './http/date-bounds.js';
export { jsonLogger, type Logger, silentLogger } from './http/logger.js';
export { buildOpenApiDocument } from './openapi/document.js';
export { type RunningServer, startServer } from './server.js';
export { openStore } from './store/open-store.js';
export { ComplaintWritesBusyError, DatabaseNewerThanCodeError } from './store/errors.js';
export { DEFAULT_STATEMENT_TIMEOUT_MS } from './store/connect.js';
export type { SeedResult } from './jobs/seed-if-empty.js';
export { BankDirectory, type BankDirectoryFile, DirectoryOrganisation, DirectoryStaff } from './directory/schema.js';
export type { DirectoryError, DirectoryNow, DirectoryPlan } from './directory/plan.js';
export type { DemoActors, DemoBank } from './seed/index.js';
export type { DatabaseKind, DatabaseLocation } from './store/connect.js';
export type {
  BankImport,
  ComplaintPage,
  ComplaintRecord,
  IdempotentRequest,
  MutateOptions,
  OrganisationRecord,
  StaffCheck,
  StaffMember,
  StaffWithOrganisation,
  Store,
  EventAccess,
  StoredChange,
  StoredResult,
  WriteTransaction,
} from './store/store.js';
export type { Visibility } from './policy/visibility.js';
export {
  InvalidLexiconError,
  InvalidModelError,
  type LoadSuggesterOptions,
  loadSuggester,
  ModelTaxonomyMismatchError,
  type Suggester,
  type SuggestInput,
} from './suggest/index.js';
export type { FactsOptions } from './store/reports/facts-rows.js';
export type { ReportingStore } from './store/reports/reporting-store.js';
export type { ReportNeeds } from './store/reports/report-sql.js';
export type { HistoryBatchResult, ImportRepeats } from './store/import-history-batch.js';

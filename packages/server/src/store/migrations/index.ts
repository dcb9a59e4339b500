import type { Migration } from 'kysely';
import { migration as m0001 } from './0001_initial.js';
import { migration as m0002 } from './0002_prefix_indexes.js';
import { migration as m0003 } from './0003_staff_active.js';
import { migration as m0004 } from './0004_complaint_record.js';
import { migration as m0006 } from './0006_calendar_deadlines.js';
import { migration as m0008 } from './0008_creation_keys.js';
import { migration as m0008b } from './0008b_event_sequences.js';
import { migration as m0005 } from './0005_reporting.js';
import { migration as m0009 } from './0009_customer_tags.js';
import { migration as m0010 } from './0010_report_cells.js';
import { migration as m0012 } from './0012_step_keys.js';
import { migration as m0010b } from './0010b_report_handling.js';
import { migration as m0015 } from './0015_report_months.js';
import { migration as m0016 } from './0016_overdue_late.js';
import { migration as m0017 } from './0017_calendar_uncovered.js';
import { migration as m0021 } from './0021_identity_unhashed.js';
import { migration as m0020 } from './0020_handling_binary.js';
import { migration as m0020b } from './0020b_overdue_due.js';
import { migration as m0018 } from './0018_unused_indexes.js';
import { migration as m0020c } from './0020c_report_roots.js';
import { migration as m0024 } from './0024_report_cells_day_index.js';
import { migration as m0025 } from './0025_cells_in_key_order.js';
import { migration as m0022 } from './0022_unread_fact_indexes.js';
import { migration as m0026 } from './0026_pg_redundant_indexes.js';
import { migration as m0027 } from './0027_creation_result_by_reference.js';
import { migration as m0027b } from './0027b_sqlite_unread_path_indexes.js';
import { migration as m0027c } from './0027c_sqlite_indexes_without_nulls.js';
import { migration as m0028 } from './0028_sqlite_creation_without_record.js';
import { migration as m0029 } from './0029_sqlite_first_result_in_window.js';
import { migration as m0030 } from './0030_search_text_nfkc.js';

/**
 * The schema's versions, as code, one file each (`NNNN_topic.ts`), named in the order they were
 * written. The same statements run on SQLite and PostgreSQL: only portable types (`text`, `integer`,
 * `bigint`) are used, JSON is stored as text. A new migration is a new file and one line here; they run
 * unordered (see `migrate.ts`), so migrations written on parallel branches may land in either order.
 *
 * @example
 * ```ts
 * Object.keys(MIGRATIONS); // ['0001_initial', '0002_prefix_indexes', '0003_staff_active', '0004_complaint_record', '0005_reporting']
 * ```
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_prefix_indexes': m0002,
  '0003_staff_active': m0003,
  '0004_complaint_record': m0004,
  '0006_calendar_deadlines': m0006,
  '0008_creation_keys': m0008,
  '0008b_event_sequences': m0008b,
  '0005_reporting': m0005,
  '0009_customer_tags': m0009,
  '0010_report_cells': m0010,
  '0012_step_keys': m0012,
  '0010b_report_handling': m0010b,
  '0015_report_months': m0015,
  '0016_overdue_late': m0016,
  '0017_calendar_uncovered': m0017,
  '0021_identity_unhashed': m0021,
  '0020_handling_binary': m0020,
  '0020b_overdue_due': m0020b,
  '0018_unused_indexes': m0018,
  '0020c_report_roots': m0020c,
  '0024_report_cells_day_index': m0024,
  '0025_cells_in_key_order': m0025,
  '0022_unread_fact_indexes': m0022,
  '0026_pg_redundant_indexes': m0026,
  '0027_creation_result_by_reference': m0027,
  '0027b_sqlite_unread_path_indexes': m0027b,
  '0027c_sqlite_indexes_without_nulls': m0027c,
  '0028_sqlite_creation_without_record': m0028,
  '0029_sqlite_first_result_in_window': m0029,
  '0030_search_text_nfkc': m0030,
};

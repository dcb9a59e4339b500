import type { Complaint } from '@complaintkit/core/domain';
import type * as ComplaintRowModule from './complaint-row.js';

/**
 * @internal the zod schemas a read needs only now and then: for a row the generated check
 * (`complaint-row-check.generated.ts`) refuses (zod says why), a whole complaint as the service
 * returns it, a CSV file's columns, a service's rows. Loaded once, on first need, so a run over good
 * rows of the export shape loads neither zod nor core's domain schemas.
 */
export interface RowSchemas {
  readonly row: typeof ComplaintRowModule;
  readonly Complaint: typeof Complaint;
}

/** @internal */
let loaded: RowSchemas | undefined;

/** @internal the schemas, once {@link loadRowSchemas} has loaded them. */
export const rowSchemas = (): RowSchemas | undefined => loaded;

/** @internal loads the schemas (once). */
export async function loadRowSchemas(): Promise<RowSchemas> {
  if (loaded) return loaded;
  const [row, domain] = await Promise.all([import('./complaint-row.js'), import('@complaintkit/core/domain')]);
  loaded = { row, Complaint: domain.Complaint };
  return loaded;
}

import type { RequestOptions } from '../core/options.js';
import { Page } from '../core/page.js';
import { PagePromise } from '../core/page-promise.js';
import { ENDPOINTS } from '../domain/contract/endpoints.js';
import type { ChangedComplaint, ComplaintChangesQueryInput } from '../domain/schemas/changes.js';
import type { ClientContext } from './context.js';
import { callJson } from './request.js';

/** @internal The complaints changed after a cursor, paged lazily (`since` moves on page by page). */
export function listChanges(ctx: ClientContext, query: ComplaintChangesQueryInput | undefined, opts: RequestOptions | undefined): PagePromise<ChangedComplaint> {
  const fetchPage = async (since: string | undefined): Promise<Page<ChangedComplaint>> => {
    const body = await callJson<{ data: ChangedComplaint[]; nextCursor: string | null }>(
      ctx,
      ENDPOINTS.complaintChanges,
      { query: since === undefined ? query : { ...query, since } },
      opts,
    );
    return new Page(body.data, body.nextCursor, fetchPage);
  };
  return new PagePromise(() => fetchPage(query?.since));
}

import type { RequestOptions } from '../core/options.js';
import { Page } from '../core/page.js';
import { PagePromise } from '../core/page-promise.js';
import { ENDPOINTS } from '../domain/contract/endpoints.js';
import type { Complaint } from '../domain/schemas/complaint.js';
import type { ComplaintListQueryInput } from '../domain/schemas/query.js';
import type { ClientContext } from './context.js';
import { callJson } from './request.js';

/** @internal A lazily fetched, auto-paginating list of complaints. */
export function listComplaints(ctx: ClientContext, query: ComplaintListQueryInput | undefined, opts: RequestOptions | undefined): PagePromise<Complaint> {
  const fetchPage = async (cursor: string | undefined): Promise<Page<Complaint>> => {
    const body = await callJson<{ data: Complaint[]; nextCursor: string | null }>(
      ctx,
      ENDPOINTS.listComplaints,
      { query: cursor === undefined ? query : { ...query, cursor } },
      opts,
    );
    return new Page(body.data, body.nextCursor, fetchPage);
  };
  return new PagePromise(() => fetchPage(query?.cursor));
}

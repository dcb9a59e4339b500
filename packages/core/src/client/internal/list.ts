import type * as z from 'zod/mini';
import { ENDPOINTS } from '../../domain/contract/endpoints.js';
import type { RequestOptions } from '../options.js';
import { Page } from '../pagination/page.js';
import { PagePromise } from '../pagination/page-promise.js';
import type { ClientContext } from './context.js';
import { callJson } from './request.js';

/** @internal */
type ListEndpoint = (typeof ENDPOINTS)['listComplaints'];
/** @internal */
export type ListQueryInput = z.input<ListEndpoint['query']>;
/** @internal */
export type ListItem = z.output<ListEndpoint['response']>['data'][number];

/** @internal A lazily fetched, auto-paginating list of complaints. */
export function listComplaints(ctx: ClientContext, query: ListQueryInput | undefined, opts: RequestOptions | undefined): PagePromise<ListItem> {
  const fetchPage = async (cursor: string | undefined): Promise<Page<ListItem>> => {
    const body = await callJson<z.output<ListEndpoint['response']>>(
      ctx,
      ENDPOINTS.listComplaints,
      { query: cursor === undefined ? query : { ...query, cursor } },
      opts,
    );
    return new Page(body.data, body.nextCursor, fetchPage);
  };
  return new PagePromise(() => fetchPage(query?.cursor));
}

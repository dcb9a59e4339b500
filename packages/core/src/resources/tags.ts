import type { RequestOptions } from '../core/options.js';
import { ENDPOINTS } from '../domain/contract/endpoints.js';
import type { CustomerTagImportInput, CustomerTagImportResult, CustomerTags } from '../domain/schemas/customer-tags.js';
import type { ClientContext } from '../internal/context.js';
import { callJson } from '../internal/request.js';

/**
 * Complaint-derived retail-customer tags kept by the service (docs/domain/tags.md): staff read one
 * customer's tags beside a complaint; the bank's back end imports a tagging run's assignments.
 *
 * @example
 * ```ts
 * const { tags } = await client.tags.forCustomer(complaint.complainant.customerId!);
 * ```
 */
export interface TagsResource {
  /**
   * `GET /v1/customers/{customerId}/tags`: the customer's tags with validity, rule version and the
   * evidence the caller may see. Staff get a `NotFoundError` for a customer none of whose complaints
   * they may see; customers get a `ForbiddenError`.
   *
   * @example
   * ```ts
   * const active = (await client.tags.forCustomer('C-000001')).tags.filter((t) => t.status === 'active');
   * ```
   */
  forCustomer(customerId: string, options?: RequestOptions): Promise<CustomerTags>;
  /**
   * `POST /v1/customer-tags`: stores a batch (at most 1,000) of assignments, each replacing the tag of
   * the same customer and code. A system token or a head-office manager only.
   *
   * @example
   * ```ts
   * await client.tags.import({ assignments: batch });
   * ```
   */
  import(body: CustomerTagImportInput, options?: RequestOptions): Promise<CustomerTagImportResult>;
}

/** @internal */
export function tagsResource(ctx: ClientContext): TagsResource {
  return {
    forCustomer: (customerId, options) => callJson(ctx, ENDPOINTS.customerTags, { params: { customerId } }, options),
    import: (body, options) => callJson(ctx, ENDPOINTS.importCustomerTags, { body }, options),
  };
}

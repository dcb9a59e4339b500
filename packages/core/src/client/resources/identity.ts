import type * as z from 'zod/mini';
import { ENDPOINTS } from '../../domain/contract/endpoints.js';
import type { ClientContext } from '../internal/context.js';
import { callJson } from '../internal/request.js';
import type { RequestOptions } from '../options.js';

/** Who the caller is (`GET /v1/me`). @example `const me: MeResponse = await client.identity.me();` */
export type MeResponse = z.output<(typeof ENDPOINTS)['me']['response']>;
/** The organisations in the caller's subtree. @example `const { data }: OrganisationsResponse = await client.identity.organisations();` */
export type OrganisationsResponse = z.output<(typeof ENDPOINTS)['organisations']['response']>;

/**
 * Identity: the caller and their organisations.
 *
 * @example
 * ```ts
 * const me = await client.identity.me();
 * if (me.actor.kind === 'staff') console.log(me.actor.role, me.organisation?.name);
 * ```
 */
export interface IdentityResource {
  /** `GET /v1/me`. @example `const { actor } = await client.identity.me();` */
  me(options?: RequestOptions): Promise<MeResponse>;
  /** `GET /v1/organisations`. @example `const { data } = await client.identity.organisations();` */
  organisations(options?: RequestOptions): Promise<OrganisationsResponse>;
}

/** @internal */
export function identityResource(ctx: ClientContext): IdentityResource {
  return {
    me: (options) => callJson(ctx, ENDPOINTS.me, {}, options),
    organisations: (options) => callJson(ctx, ENDPOINTS.organisations, {}, options),
  };
}

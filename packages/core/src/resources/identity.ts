import type { RequestOptions } from '../core/options.js';
import { ENDPOINTS } from '../domain/contract/endpoints.js';
import type { Organisation } from '../domain/schemas/actor.js';
import type { Me } from '../domain/schemas/stream.js';
import type { ClientContext } from '../internal/context.js';
import { callJson } from '../internal/request.js';

/**
 * The organisations in the caller's subtree (`GET /v1/organisations`).
 *
 * @example
 * ```ts
 * const { data }: OrganisationList = await client.identity.organisations();
 * ```
 */
export interface OrganisationList {
  /** Head office, branches and sub-branches the caller may see. */
  data: Organisation[];
}

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
  me(options?: RequestOptions): Promise<Me>;
  /** `GET /v1/organisations`. @example `const { data } = await client.identity.organisations();` */
  organisations(options?: RequestOptions): Promise<OrganisationList>;
}

/** @internal */
export function identityResource(ctx: ClientContext): IdentityResource {
  return {
    me: (options) => callJson(ctx, ENDPOINTS.me, {}, options),
    organisations: (options) => callJson(ctx, ENDPOINTS.organisations, {}, options),
  };
}

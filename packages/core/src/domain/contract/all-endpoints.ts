import { COMPLAINT_ACTIONS } from '../lifecycle/states.js';
import { ACTION_ENDPOINTS, ENDPOINTS, type Endpoint } from './endpoints.js';
import { REPORTING_ENDPOINTS } from './reporting-endpoints.js';

// Its own module: a client that only registers complaints imports ENDPOINTS and never loads the
// reporting schemas; the server, the OpenAPI document and the tests read this merged list.
/**
 * Every operation of the contract, once, in a stable order: `ENDPOINTS` in their order, then one
 * endpoint per lifecycle action in `COMPLAINT_ACTIONS` order, then `REPORTING_ENDPOINTS`. The server registers its routes from
 * this list and the OpenAPI document lists its operations from it; a new endpoint added to
 * `ENDPOINTS` appears in both.
 *
 * @example
 * ```ts
 * for (const e of ALL_ENDPOINTS) console.log(e.method, e.path, e.operationId);
 * ```
 */
export const ALL_ENDPOINTS: readonly Endpoint[] = Object.freeze([
  ...Object.values(ENDPOINTS),
  ...COMPLAINT_ACTIONS.map((action) => ACTION_ENDPOINTS[action]),
  ...Object.values(REPORTING_ENDPOINTS),
]);

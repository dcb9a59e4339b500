export { REPORTING_ENDPOINTS } from './reporting-endpoints.js';
export { ALL_ENDPOINTS } from './all-endpoints.js';
export { ACTION_ENDPOINTS, actionSegment, ENDPOINTS, type Endpoint } from './endpoints.js';
export { REPORTING_REFERENCE } from './reporting-reference.js';
export { ACTION_REFERENCE, COMMON_PROBLEMS, ENDPOINT_REFERENCE, type EndpointReference, referenceOf } from './reference.js';
export { toJSONSchema } from './json-schema.js';

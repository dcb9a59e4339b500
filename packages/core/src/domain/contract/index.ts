export { ACTION_ENDPOINTS, ALL_ENDPOINTS, actionSegment, ENDPOINTS, type Endpoint } from './endpoints.js';
export { ACTION_REFERENCE, COMMON_PROBLEMS, ENDPOINT_REFERENCE, type EndpointReference, referenceOf } from './reference.js';
export { toJSONSchema } from './json-schema.js';

export { ACTION_ENDPOINTS, ALL_ENDPOINTS, actionSegment, ENDPOINTS, type Endpoint } from './endpoints.js';
export { toJSONSchema } from './json-schema.js';

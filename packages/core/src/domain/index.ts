/**
 * The complaint domain: wire schemas (zod/mini), taxonomy, lifecycle, clocks, masking and the HTTP
 * contract. Import it alone as `@complaintkit/core/domain` (no HTTP client inside).
 *
 * @packageDocumentation
 */
export * from './clock/index.js';
export * from './contract/index.js';
export * from './identity/index.js';
export * from './lifecycle/index.js';
export * from './masking/index.js';
export * from './metrics/index.js';
export * from './schemas/index.js';
export * from './taxonomy/index.js';

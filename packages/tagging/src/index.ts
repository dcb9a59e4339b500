/**
 * `@complaintkit/tagging`: links complainants and business types to retail-customer labels for the CRM.
 *
 * @example
 * ```ts
 * import { tagCode } from '@complaintkit/tagging';
 * tagCode('priority_group:', 'elderly'); // 'priority_group:elderly'
 * ```
 *
 * @packageDocumentation
 */
export { TAG_DEFINITIONS, type TagDefinition, type TagParameter, tagCode } from './catalogue/tag-codes.js';

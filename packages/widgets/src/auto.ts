/**
 * `@complaintkit/widgets/auto`: registers every `<ck-*>` element on import, and re-exports the
 * package so `configure()` comes from the same module instance.
 *
 * @example
 * ```ts
 * import { configure } from '@complaintkit/widgets/auto';
 * configure({ baseUrl: 'https://complaints.example-bank.cn' });
 * ```
 *
 * @packageDocumentation
 */
import { defineAll } from './elements.js';

defineAll();

export * from './index.js';
export { CK_ELEMENT_CLASSES, defineAll } from './elements.js';

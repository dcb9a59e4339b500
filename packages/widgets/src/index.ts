/**
 * `@complaintkit/widgets`: drop-in web components for bank apps. Import the classes from here and
 * define them yourself, or import `@complaintkit/widgets/define` to register every `<ck-*>` element.
 *
 * @example
 * ```ts
 * import { StatusBadge } from '@complaintkit/widgets';
 * customElements.define('ck-status-badge', StatusBadge);
 * ```
 *
 * @packageDocumentation
 */
export { StatusBadge } from './status-badge/status-badge.js';

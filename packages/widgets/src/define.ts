/**
 * `@complaintkit/widgets/define`: registers every ComplaintKit element under its `ck-` name, once.
 *
 * @example
 * ```ts
 * import '@complaintkit/widgets/define';
 * document.body.innerHTML = '<ck-status-badge status="accepted"></ck-status-badge>';
 * ```
 *
 * @packageDocumentation
 */
import { StatusBadge } from './status-badge/status-badge.js';

if (!customElements.get('ck-status-badge')) customElements.define('ck-status-badge', StatusBadge);

/** The tag names this module registers. @example `CK_ELEMENTS.includes('ck-status-badge');` */
export const CK_ELEMENTS = ['ck-status-badge'] as const;

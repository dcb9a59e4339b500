/**
 * `@complaintkit/widgets/define`: registers every ComplaintKit element under its `ck-` name, once
 * (the same as `@complaintkit/widgets/auto`, kept for existing imports).
 *
 * @example
 * ```ts
 * import '@complaintkit/widgets/define';
 * document.body.innerHTML = '<ck-status-badge status="accepted"></ck-status-badge>';
 * ```
 *
 * @packageDocumentation
 */
import { CK_ELEMENT_CLASSES, defineAll } from './elements.js';

defineAll();

/** The tag names this module registers. @example `CK_ELEMENTS.includes('ck-status-badge');` */
export const CK_ELEMENTS = Object.keys(CK_ELEMENT_CLASSES) as (keyof typeof CK_ELEMENT_CLASSES)[];

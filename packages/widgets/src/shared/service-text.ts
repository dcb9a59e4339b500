import { html, type TemplateResult } from 'lit';

/**
 * The explicit direction controls that reorder text: the embeddings and overrides (U+202A LRE, U+202B
 * RLE, U+202C PDF, U+202D LRO, U+202E RLO) and the isolates (U+2066–U+2069). New free text refuses
 * them; text stored before that may still hold them (an old `\u202E测试`).
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Service text as it is shown: the direction controls taken out, so `\u202E测试` reads `测试`, not
 * reversed (an isolate contains an override's reach, but the override still reverses what is inside
 * it). Everything else is kept; the text is rendered as text, never as HTML.
 *
 * @example
 * ```ts
 * shownText('\u202E测试'); // '测试'
 * ```
 */
export const shownText = (text: string): string => text.replace(DIRECTION_CONTROLS, '');

/**
 * One piece of service text (a reason, a decision's basis) in its own direction isolate (`<bdi>`),
 * through {@link shownText}: it neither shows reversed nor reorders the text around it. Lit renders
 * it as a text node.
 *
 * @example
 * ```ts
 * html`<p>${serviceText(c.decision.basis, 'basis')}</p>`;
 * ```
 */
export const serviceText = (text: string, className = ''): TemplateResult => html`<bdi class=${className}>${shownText(text)}</bdi>`;

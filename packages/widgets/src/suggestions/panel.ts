import type { ClassificationSuggestions, SensitiveFlag } from '@complaintkit/core/domain';
import { css, html, nothing, type TemplateResult } from 'lit';
import { SUGGESTION_WORDS, type SuggestionWords } from './words.js';

/** The fields a suggestion fills once tapped. */
export type SuggestedField = 'businessCategory' | 'cause';

/**
 * The panel's styles, adopted into the element's shadow root when the panel first loads (a
 * constructable stylesheet, as the element's own: no inline style, CSP-safe).
 *
 * @example
 * ```ts
 * adoptPanelStyles(this.renderRoot as ShadowRoot);
 * ```
 */
export const panelStyles = css`
  .suggestions {
    display: grid;
    gap: 8px;
    padding: 10px 12px;
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    min-width: 0;
  }
  .suggestions .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    min-width: 0;
  }
  .suggestions .chips button {
    min-height: 40px;
    padding: 6px 12px;
    border-radius: 999px;
    max-width: 100%;
    overflow-wrap: anywhere;
    text-align: start;
  }
  .suggestions .chips button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  .suggestions .score {
    font-size: 0.875em;
  }
  .flags {
    display: grid;
    gap: 6px;
    padding: 10px 12px;
    border-left: 4px solid var(--_danger);
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .flags .evidence {
    font-weight: 600;
  }
`;

/**
 * Adds {@link panelStyles} to a shadow root once. Where constructable stylesheets are missing the
 * panel still works, unstyled but usable (the element's own styles already cover buttons).
 *
 * @example
 * ```ts
 * adoptPanelStyles(this.renderRoot as ShadowRoot);
 * ```
 */
export function adoptPanelStyles(root: ShadowRoot): void {
  const sheet = panelStyles.styleSheet;
  if (!sheet || !root.adoptedStyleSheets || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The panel's words for a language (`zh-CN` unless English). @example `wordsFor('en').title;` */
export const wordsFor = (lang: 'zh-CN' | 'en'): SuggestionWords => SUGGESTION_WORDS[lang];

const fill = (text: string, n: number) => text.replace('{n}', String(n));

/**
 * The suggested codes as buttons the person taps to use: nothing is chosen until tapped; the chosen
 * one shows pressed. Service text (the evidence) is rendered as text. The codes' labels come from the
 * caller (`label`), which already ships the taxonomy it picks from: the panel imports no domain code,
 * so loading it never pulls the domain's barrel (schemas, reports, redaction tables) into a bundle.
 *
 * @example
 * ```ts
 * renderSuggestions(s, { lang: 'zh-CN', label: (code) => labelOf(code, 'zh-CN'), chosen: this.values, choose: (field, code) => this.onField(field, code) });
 * ```
 */
export function renderSuggestions(
  s: ClassificationSuggestions,
  opts: {
    lang: 'zh-CN' | 'en';
    label: (code: string) => string;
    chosen: Partial<Record<SuggestedField, string>>;
    choose: (field: SuggestedField, code: string) => void;
    disabled?: boolean;
  },
): TemplateResult {
  const w = wordsFor(opts.lang);
  const group = (field: SuggestedField, label: string, items: ClassificationSuggestions['businessCategory'] | ClassificationSuggestions['cause']) =>
    items.length === 0
      ? nothing
      : html`<div class="chips" role="group" aria-label=${label} data-field=${field}>
          ${items.slice(0, 3).map((x) => {
            const on = opts.chosen[field] === x.code;
            return html`<button type="button" data-code=${x.code} aria-pressed=${on ? 'true' : 'false'} ?disabled=${opts.disabled}
              @click=${() => opts.choose(field, x.code)}>
              ${opts.label(x.code)} <span class="score">${fill(w.score, Math.round(x.score * 100))}</span>
            </button>`;
          })}
        </div>`;
  const n = Math.min(3, s.businessCategory.length) + Math.min(3, s.cause.length);
  return html`<section part="suggestions" class="suggestions" aria-labelledby="suggestions-title">
    <h3 id="suggestions-title">${w.title}</h3>
    <p class="help" role="status">${fill(w.found, n)}</p>
    ${group('businessCategory', w.business, s.businessCategory)} ${group('cause', w.cause, s.cause)}
    ${renderFlags(s.flags, s.escalationSuggested, opts.lang)}
  </section>`;
}

/**
 * Sensitive-case flags (staff only: the service sends none to customers) with the words that
 * raised them, quoted as text, and whether escalation (包案) is suggested.
 *
 * @example
 * ```ts
 * renderFlags(s.flags, s.escalationSuggested, 'zh-CN');
 * ```
 */
export function renderFlags(flags: readonly SensitiveFlag[], escalation: boolean, lang: 'zh-CN' | 'en'): TemplateResult | typeof nothing {
  if (flags.length === 0) return nothing;
  const w = wordsFor(lang);
  return html`<div part="flags" class="flags" role="note" aria-labelledby="flags-title">
    <h3 id="flags-title">${w.flags}</h3>
    <ul>
      ${flags.map(
        (f) => html`<li data-kind=${f.kind}>
          ${w.kind[f.kind]}：${f.evidence.map((e, i) => html`${i > 0 ? '、' : ''}“<span class="evidence">${e.text}</span>”`)}
        </li>`,
      )}
    </ul>
    ${escalation ? html`<p class="escalation">${w.escalation}</p>` : nothing}
  </div>`;
}

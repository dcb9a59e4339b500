import type { Complaint } from '@complaintkit/core';
import { labelOf, statusLabel } from '@complaintkit/core/domain';
import { css, html, nothing, type TemplateResult } from 'lit';
import { CkElement } from '../shared/ck-element.js';
import { formatDateTime } from '../shared/format.js';
import { serviceText } from '../shared/service-text.js';
import { baseStyles } from '../shared/theme.styles.js';

/**
 * `<ck-complaint-list>`: the signed-in customer's own complaints, newest first. Picking one fires
 * `ck-select {complaintNumber}` (show it in a `<ck-complaint-status>`). Call `reload()` after a
 * new complaint is submitted.
 *
 * @csspart base - the list card
 * @csspart item - each complaint's button
 *
 * @example
 * ```html
 * <ck-complaint-list limit="20"></ck-complaint-list>
 * ```
 *
 * @customElement ck-complaint-list
 * @fires ck-ready - The list is loaded.
 * @fires ck-select - The customer picked `detail.complaintNumber`.
 * @fires ck-error - The list could not be read.
 */
export class ComplaintList extends CkElement {
  /** Styles: shared tokens plus the rows'. */
  static override styles = [
    baseStyles,
    css`
      li button {
        display: grid;
        width: 100%;
        text-align: start;
        gap: 2px;
        border-color: var(--ck-divider, #e5e7eb);
        color: inherit;
        min-width: 0;
      }
      .top {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        min-width: 0;
      }
      .desc {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        min-width: 0;
      }
      .status {
        color: var(--_accent);
        white-space: nowrap;
      }
      ul {
        display: grid;
        gap: 8px;
      }
    `,
  ];
  /** Reactive properties of the element. */
  static override properties = {
    ...CkElement.properties,
    limit: { type: Number },
    items: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  /** How many to show. Default 20. */
  declare limit: number;
  declare private items: readonly Complaint[];
  declare private error: string;
  declare private loading: boolean;

  constructor() {
    super();
    this.limit = 20;
    this.items = [];
    this.error = '';
    this.loading = true;
  }

  /** Loads the list when attached. */
  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /**
   * Reads the list again from the service.
   *
   * @example
   * ```ts
   * document.addEventListener('ck-submitted', () => list.reload());
   * ```
   */
  async reload(): Promise<void> {
    this.loading = true;
    try {
      const page = await (await this.client()).complaints.list({ limit: this.limit });
      this.items = page.data;
      this.error = '';
      this.emit('ck-ready', { element: 'ck-complaint-list' });
    } catch (e) {
      this.error = this.fail(e);
    } finally {
      this.loading = false;
    }
  }

  /** Renders the rows (every text from the service as text). */
  protected override render(): TemplateResult {
    return html`<section part="base" aria-labelledby="title" aria-busy=${this.loading ? 'true' : 'false'}>
      <h2 id="title">${this.t('listTitle')}</h2>
      ${this.error ? html`<p class="notice bad" role="alert">${this.error} <button @click=${this.reload}>${this.t('retry')}</button></p>` : nothing}
      ${!this.loading && !this.error && this.items.length === 0 ? html`<p class="muted">${this.t('listEmpty')}</p>` : nothing}
      <ul>
        ${this.items.map(
          (c) => html`<li>
            <button part="item" type="button" @click=${() => this.emit('ck-select', { complaintNumber: c.id })}>
              <span class="top"><span class="number">${c.id}</span><span class="status">${statusLabel(c.status, this.domainLang)}</span></span>
              <span class="desc">${serviceText(c.description)}</span>
              <span class="muted">${labelOf(c.businessCategory, this.domainLang)} · ${formatDateTime(c.receivedAt, this.lang_, true)}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

import type { ComplaintClient } from '@complaintkit/core';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { CkElement } from '../shared/ck-element.js';
import { baseStyles } from '../shared/theme.styles.js';
import { dashboardStyles } from './dashboard.styles.js';
import { bankDay, monthStart } from './format.js';
import { DASHBOARD_WORDS, type DashboardWords } from './words.js';

/**
 * What every dashboard part shares: the period (`from`, `to`, bank days in Asia/Shanghai; default
 * the last three months to today), the organisation whose subtree it shows (`org-id`; default the
 * signed-in member's), loading on connect and when those change, and `ck-ready` once it shows the
 * service's figures. A part alone is a whole widget: `<ck-dashboard-trend>` works without the
 * dashboard around it.
 *
 * @example
 * ```ts
 * class MyPart extends DashboardPart<Report> {
 *   protected fetch(c: ComplaintClient) { return c.reports.get(this.query()); }
 *   protected view(r: Report) { return html`${r.total.metrics.volume}`; }
 * }
 * ```
 */
export abstract class DashboardPart<T> extends CkElement {
  /** Shared tokens plus the dashboard's looks. */
  static override styles = [baseStyles, dashboardStyles];
  /** Reactive properties of every part. */
  static override properties = {
    ...CkElement.properties,
    from: { type: String },
    to: { type: String },
    orgId: { type: String, attribute: 'org-id' },
    data: { state: true },
    error: { state: true },
  };

  /** First bank day of the period (`YYYY-MM-DD`). Default: the first of the month two months back. */
  declare from: string | undefined;
  /** Last bank day of the period. Default: today in Asia/Shanghai. */
  declare to: string | undefined;
  /** The organisation whose subtree to show. Default: the member's own. */
  declare orgId: string | undefined;
  declare protected data: T | undefined;
  declare protected error: string;
  private loads = 0;

  constructor() {
    super();
    this.error = '';
  }

  /** The period asked for, with the defaults filled in. */
  protected range(): { from: string; to: string } {
    const to = this.to || bankDay();
    return { from: this.from || monthStart(to, 2), to };
  }

  /** The period and organisation as a report query. */
  protected query(): { from: string; to: string; orgId?: string } {
    return { ...this.range(), ...(this.orgId ? { orgId: this.orgId } : {}) };
  }

  /** The dashboard's words in this element's language. */
  protected get w(): DashboardWords {
    return DASHBOARD_WORDS[this.domainLang];
  }

  /** Asks the service for this part's figures. */
  protected abstract fetch(client: ComplaintClient): Promise<T>;
  /** Shows the figures (service text as text). */
  protected abstract view(data: T): TemplateResult;
  /** The part's heading. */
  protected abstract heading(): string;

  /** Loads again when the period, organisation or connection changes. */
  protected override willUpdate(changed: PropertyValues): void {
    const keys = ['from', 'to', 'orgId', 'baseUrl', 'token'];
    if (!this.hasUpdated || keys.some((k) => changed.has(k))) void this.reload();
  }

  /**
   * Reads the figures again from the service.
   *
   * @example
   * ```ts
   * await document.querySelector('ck-dashboard-trend').reload();
   * ```
   */
  async reload(): Promise<void> {
    const mine = ++this.loads;
    try {
      const data = await this.fetch(await this.client());
      if (mine !== this.loads) return;
      this.data = data;
      this.error = '';
      await this.updateComplete;
      this.emit('ck-ready', { element: this.localName });
    } catch (e) {
      if (mine === this.loads) this.error = this.fail(e);
    }
  }

  /** The part: its heading, then the figures, the error, or "loading". */
  protected override render(): TemplateResult {
    const body = this.error
      ? html`<p class="notice bad" role="alert">${this.error}</p>`
      : this.data === undefined
        ? html`<p class="muted" role="status">${this.w.loading}</p>`
        : this.view(this.data);
    return html`<section part="base" aria-labelledby="h" aria-busy=${this.data === undefined && !this.error ? 'true' : 'false'}>
      <h2 id="h">${this.heading()}</h2>
      ${body}
    </section>`;
  }
}

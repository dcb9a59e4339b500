import type { ComplaintClient } from '@complaintkit/core';
import type { Report } from './reporting.js';
import { labelOf } from '@complaintkit/core/domain';
import { html, type PropertyValues, svg, type TemplateResult } from 'lit';
import { DashboardPart } from './dashboard-part.js';
import { formatNumber, formatRate } from './format.js';
import { fill } from './words.js';

/** The dimensions `<ck-dashboard-shares>` splits by. */
export type ShareDimension = 'intakeChannel' | 'businessCategory' | 'businessMajor' | 'cause';

/**
 * `<ck-dashboard-shares by="intakeChannel">`: each channel's, category's or cause's share of the
 * complaints received in the period, largest first, as bars with the share and the count (the
 * service's `share` and `volume`); past `limit` rows the rest are summed as "others".
 *
 * @csspart base - the part
 *
 * @example
 * ```html
 * <ck-dashboard-shares by="cause" from="2026-01-01" to="2026-03-31" limit="6"></ck-dashboard-shares>
 * ```
 *
 * @customElement ck-dashboard-shares
 * @fires ck-ready - The figures are shown.
 * @fires ck-error - They could not be read.
 */
export class DashboardShares extends DashboardPart<Report> {
  /** Reactive properties. */
  static override properties = { ...DashboardPart.properties, by: { type: String }, limit: { type: Number } };
  /** What to split by: `intakeChannel` (default), `businessCategory`, `businessMajor` or `cause`. */
  declare by: ShareDimension;
  /** Rows shown before the rest are summed as "others". Default 8. */
  declare limit: number;

  constructor() {
    super();
    this.by = 'intakeChannel';
    this.limit = 8;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.hasUpdated && (changed.has('by') || changed.has('limit'))) void this.reload();
    super.willUpdate(changed);
  }

  protected fetch(client: ComplaintClient): Promise<Report> {
    return client.reports.get({ ...this.query(), groupBy: [this.by] });
  }

  protected heading(): string {
    return this.w.sharesBy[this.by] ?? this.by;
  }

  protected view(r: Report): TemplateResult {
    const total = r.total.metrics.volume ?? 0;
    if (total === 0) return html`<p class="muted">${this.w.empty}</p>`;
    const rows = [...r.rows].sort((a, b) => (b.metrics.volume ?? 0) - (a.metrics.volume ?? 0));
    const shown = rows.slice(0, this.limit).map((row) => {
      const code = row.key[this.by] ?? '';
      return { code, label: labelOf(code, this.domainLang), volume: row.metrics.volume ?? 0, share: row.metrics.share };
    });
    const rest = rows.slice(this.limit);
    if (rest.length > 0) {
      const volume = rest.reduce((n, x) => n + (x.metrics.volume ?? 0), 0);
      shown.push({ code: 'others', label: this.w.others, volume, share: volume / total });
    }
    const lang = this.lang_;
    return html`<ul class="bars">
      ${shown.map(
        (x) => html`<li data-code=${x.code}>
          <span class="bar-label">${x.label}</span>
          <span class="bar-figure"><span class="share">${formatRate(x.share, lang)}</span> <span class="muted">${fill(this.w.complaints, { n: formatNumber(x.volume, lang) })}</span></span>
          <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            ${svg`<rect class="track" width="100" height="6"></rect><rect class="fill" width=${Math.max(0.5, (x.share ?? 0) * 100)} height="6"></rect>`}
          </svg>
        </li>`,
      )}
    </ul>`;
  }
}

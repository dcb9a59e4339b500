import type { ComplaintClient } from '@complaintkit/core';
import type { Report } from './reporting.js';
import { html, type TemplateResult } from 'lit';
import { DashboardPart } from './dashboard-part.js';
import { formatNumber, formatRate } from './format.js';

/**
 * `<ck-dashboard-rates>`: the period's headline figures, as the service computes them
 * (docs/domain/metrics.md): complaints received, timeliness, the repeat-complaint rate and the
 * satisfaction rate of the follow-ups (回访). A rate without a base shows `–`, never 0 %.
 *
 * @csspart base - the part
 * @csspart figure - each figure
 *
 * @example
 * ```html
 * <ck-dashboard-rates from="2026-01-01" to="2026-03-31"></ck-dashboard-rates>
 * ```
 *
 * @customElement ck-dashboard-rates
 * @fires ck-ready - The figures are shown.
 * @fires ck-error - They could not be read.
 */
export class DashboardRates extends DashboardPart<Report> {
  protected fetch(client: ComplaintClient): Promise<Report> {
    return client.reports.get(this.query());
  }

  protected heading(): string {
    return this.w.rates;
  }

  protected view(r: Report): TemplateResult {
    const m = r.total.metrics;
    const lang = this.lang_;
    const figures: [string, string, string][] = [
      ['volume', this.w.volume, formatNumber(m.volume, lang)],
      ['timeliness', this.w.timelinessRate, formatRate(m.timeliness, lang)],
      ['repeatRate', this.w.repeatRate, formatRate(m.repeatRate, lang)],
      ['satisfactionRate', this.w.satisfactionRate, formatRate(m.satisfactionRate, lang)],
    ];
    return html`<dl class="figures">
      ${figures.map(([id, label, value]) => html`<div part="figure" class="figure" data-metric=${id}><dt>${label}</dt><dd>${value}</dd></div>`)}
    </dl>`;
  }
}

import type { ComplaintClient } from '@complaintkit/core';
import type { Alert } from './reporting.js';
import { html, type TemplateResult } from 'lit';
import { formatDateTime } from '../shared/format.js';
import { DashboardPart } from './dashboard-part.js';
import { formatChange, formatNumber, formatRate } from './format.js';
import { fill } from './words.js';

const RATIO_METRICS = new Set(['share', 'timeliness', 'timelinessStrict', 'repeatRate', 'followUpCompletion', 'satisfactionRate', 'acceptanceRate', 'reviewRate', 'regulatorTransferShare']);

/**
 * `<ck-dashboard-alerts>`: the early-warning alerts still open (or acknowledged and not resolved),
 * loudest first: the rule's name (service text, shown as text), its level, the figure against the
 * threshold and the window it was judged on.
 *
 * @csspart base - the part
 * @csspart alert - each alert
 *
 * @example
 * ```html
 * <ck-dashboard-alerts></ck-dashboard-alerts>
 * ```
 *
 * @customElement ck-dashboard-alerts
 * @fires ck-ready - The alerts are shown.
 * @fires ck-error - They could not be read.
 */
export class DashboardAlerts extends DashboardPart<readonly Alert[]> {
  protected async fetch(client: ComplaintClient): Promise<readonly Alert[]> {
    const { data } = await client.alerts.list({ status: ['open', 'acknowledged'] });
    const loud = { alert: 0, warn: 1, info: 2 } as const;
    return [...data]
      .filter((a) => !this.orgId || a.orgId === this.orgId)
      .sort((a, b) => loud[a.level] - loud[b.level] || b.openedAt.localeCompare(a.openedAt));
  }

  protected heading(): string {
    return this.w.alerts;
  }

  protected view(alerts: readonly Alert[]): TemplateResult {
    if (alerts.length === 0) return html`<p class="muted">${this.w.noAlerts}</p>`;
    const lang = this.lang_;
    const value = (a: Alert, v: number | null) =>
      a.figures.comparison !== 'value'
        ? v === null
          ? '–'
          : formatChange(v, lang)
        : RATIO_METRICS.has(a.metric)
          ? formatRate(v, lang)
          : formatNumber(v, lang);
    return html`<ul class="alerts">
      ${alerts.map(
        (a) => html`<li part="alert" class="alert" data-level=${a.level} data-id=${a.id}>
          <span class="level">${this.w.level[a.level]}</span>
          <span class="rule">${a.ruleName}</span>
          <span class="muted">${fill(this.w.alertFigures, {
            value: value(a, a.figures.value),
            threshold: value(a, a.figures.threshold),
            from: a.window.from,
            to: a.window.to,
          })}</span>
          <span class="muted"><time datetime=${a.openedAt}>${formatDateTime(a.openedAt, lang)}</time></span>
        </li>`,
      )}
    </ul>`;
  }
}

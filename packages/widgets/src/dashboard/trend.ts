import type { ComplaintClient } from '@complaintkit/core';
import type { TrendQueryInput } from '@complaintkit/core/domain';
import type { Trend } from './reporting.js';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { DashboardPart } from './dashboard-part.js';
import { formatChange, formatNumber, formatRate, monthStart } from './format.js';
import { fill } from './words.js';

type Change = Trend['periods'][number]['mom'];
const RATIO = new Set(['share', 'timeliness', 'timelinessStrict', 'repeatRate', 'followUpCompletion', 'satisfactionRate', 'acceptanceRate', 'reviewRate', 'regulatorTransferShare']);
const W = 320;
const H = 120;
const PAD = 6;

/**
 * `<ck-dashboard-trend>`: one metric per month (or `interval`), as a line in lean SVG, with the
 * latest period's value and its change month on month and year on year as the service computed
 * them (a change without a base says so instead of showing a number), and the figures as a table.
 * Default: complaints received over the 24 months to `to`.
 *
 * @csspart base - the part
 * @csspart chart - the SVG line
 *
 * @example
 * ```html
 * <ck-dashboard-trend metric="timeliness" months="12"></ck-dashboard-trend>
 * ```
 *
 * @customElement ck-dashboard-trend
 * @fires ck-ready - The figures are shown.
 * @fires ck-error - They could not be read.
 */
export class DashboardTrend extends DashboardPart<Trend> {
  /** Reactive properties. */
  static override properties = {
    ...DashboardPart.properties,
    metric: { type: String },
    interval: { type: String },
    months: { type: Number },
  };
  /** The metric (`volume` by default; any metric id of docs/domain/metrics.md). */
  declare metric: TrendQueryInput['metric'];
  /** `month` (default), `quarter`, `week` or `day`. */
  declare interval: 'day' | 'week' | 'month' | 'quarter';
  /** How many months back from `to` when `from` is not given. Default 24 (so a year-on-year base exists for the last 12). */
  declare months: number;

  constructor() {
    super();
    this.metric = 'volume';
    this.interval = 'month';
    this.months = 24;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.hasUpdated && (changed.has('metric') || changed.has('interval') || changed.has('months'))) void this.reload();
    super.willUpdate(changed);
  }

  protected override range(): { from: string; to: string } {
    const { to } = super.range();
    return { from: this.from || monthStart(to, this.months - 1), to };
  }

  protected fetch(client: ComplaintClient): Promise<Trend> {
    return client.reports.trend({ ...this.query(), interval: this.interval, metric: this.metric });
  }

  protected heading(): string {
    return this.metric === 'volume' && this.interval === 'month'
      ? this.w.trend
      : fill(this.w.trendOf, { metric: this.metric, interval: this.w[this.interval] ?? this.interval });
  }

  private value(v: number | null): string {
    return RATIO.has(this.metric) ? formatRate(v, this.lang_) : formatNumber(v, this.lang_);
  }

  private change(label: string, c: Change): TemplateResult {
    const text =
      c.status === 'ok' && c.percent !== null
        ? formatChange(c.percent, this.lang_)
        : c.status === 'zero'
          ? formatChange(0, this.lang_)
          : c.status === 'new'
            ? this.w.newBase
          : this.w.noBase;
    return html`<span class="change" data-status=${c.status}>${label} <strong>${text}</strong></span>`;
  }

  protected view(t: Trend): TemplateResult {
    const points = t.periods.filter((p) => p.value !== null);
    const last = t.periods.at(-1);
    if (!last || points.length === 0) return html`<p class="muted">${this.w.empty}</p>`;
    const values = points.map((p) => p.value as number);
    const max = Math.max(...values);
    const min = Math.min(0, ...values);
    const x = (i: number) => PAD + (t.periods.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (t.periods.length - 1));
    const y = (v: number) => H - PAD - ((v - min) / (max - min || 1)) * (H - 2 * PAD);
    const line = t.periods
      .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
      .filter((s): s is string => s !== null)
      .join(' ');
    const label = `${this.heading()}: ${t.periods.map((p) => `${p.key} ${this.value(p.value)}`).join(', ')}`;
    return html`<p class="latest">
        <span class="latest-value">${fill(this.w.latest, { period: last.key, value: this.value(last.value) })}</span>
        ${this.change(this.w.mom, last.mom)} ${this.change(this.w.yoy, last.yoy)}
      </p>
      <svg part="chart" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
        ${svg`<line class="axis" x1=${PAD} y1=${H - PAD} x2=${W - PAD} y2=${H - PAD}></line>
          <polyline class="line" points=${line}></polyline>
          ${t.periods.map((p, i) => (p.value === null ? nothing : svg`<circle class="dot" cx=${x(i)} cy=${y(p.value)} r="2.5"><title>${p.key} ${this.value(p.value)}</title></circle>`))}`}
      </svg>
      <p class="axis-labels muted"><span>${t.periods[0]?.key ?? ''}</span><span>${last.key}</span></p>
      <details>
        <summary>${this.w.table}</summary>
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">${this.w[this.interval] ?? ''}</th><th scope="col">${this.w.value}</th><th scope="col">${this.w.mom}</th><th scope="col">${this.w.yoy}</th></tr></thead>
            <tbody>
              ${t.periods.map(
                (p) => html`<tr data-period=${p.key}>
                  <th scope="row">${p.key}</th><td>${this.value(p.value)}</td>
                  <td>${p.mom.status === 'ok' && p.mom.percent !== null ? formatChange(p.mom.percent, this.lang_) : '–'}</td>
                  <td>${p.yoy.status === 'ok' && p.yoy.percent !== null ? formatChange(p.yoy.percent, this.lang_) : '–'}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>`;
  }
}

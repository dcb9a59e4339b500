import type { ComplaintClient, OrganisationList } from '@complaintkit/core';
import type { Report } from './reporting.js';
import { html, svg, type TemplateResult } from 'lit';
import { DashboardPart } from './dashboard-part.js';
import { formatNumber, formatRate } from './format.js';
import { fill } from './words.js';

/** What `<ck-dashboard-timeliness>` shows: the report by organisation and the organisations' names. @example `const d: TimelinessData = { report, names: new Map([['BR-GD', '广东分行']]) };` */
export type TimelinessData = { report: Report; names: ReadonlyMap<string, string> };

/**
 * `<ck-dashboard-timeliness>`: per organisation in the subtree, the share of decisions told within
 * their deadline (the service's `timeliness`, docs/domain/metrics.md), lowest first so the worst
 * shows at the top, with how many were decided. An organisation that decided nothing shows `–`,
 * never 0 %.
 *
 * @csspart base - the part
 *
 * @example
 * ```html
 * <ck-dashboard-timeliness org-id="BR-GD"></ck-dashboard-timeliness>
 * ```
 *
 * @customElement ck-dashboard-timeliness
 * @fires ck-ready - The figures are shown.
 * @fires ck-error - They could not be read.
 */
export class DashboardTimeliness extends DashboardPart<TimelinessData> {
  protected async fetch(client: ComplaintClient): Promise<TimelinessData> {
    const [report, orgs] = await Promise.all([
      client.reports.get({ ...this.query(), groupBy: ['organisation'] }),
      client.identity.organisations().catch((): OrganisationList => ({ data: [] }) as unknown as OrganisationList),
    ]);
    return { report, names: new Map(orgs.data.map((o) => [o.id, o.name])) };
  }

  protected heading(): string {
    return this.w.timeliness;
  }

  protected view({ report, names }: TimelinessData): TemplateResult {
    const rows = report.rows
      .map((r) => ({ id: r.key.organisation ?? '', rate: r.metrics.timeliness, decided: r.aggregates.decided ?? null }))
      .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2));
    if (rows.length === 0) return html`<p class="muted">${this.w.empty}</p>`;
    const lang = this.lang_;
    return html`<ul class="bars">
      ${rows.map(
        (x) => html`<li data-org=${x.id}>
          <span class="bar-label">${names.get(x.id) ?? x.id}</span>
          <span class="bar-figure"><span class="rate">${formatRate(x.rate, lang)}</span>
            <span class="muted">${x.decided === null ? '' : x.decided === 0 ? this.w.noDecision : fill(this.w.decided, { n: formatNumber(x.decided, lang) })}</span></span>
          <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            ${svg`<rect class="track" width="100" height="6"></rect><rect class="fill" width=${(x.rate ?? 0) * 100} height="6"></rect>`}
          </svg>
        </li>`,
      )}
    </ul>`;
  }
}

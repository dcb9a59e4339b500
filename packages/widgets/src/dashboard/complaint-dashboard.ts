import { html, type TemplateResult } from 'lit';
import { CkElement } from '../shared/ck-element.js';
import { baseStyles } from '../shared/theme.styles.js';
import { dashboardStyles } from './dashboard.styles.js';
import { defineDashboardParts } from './parts.js';
import { DASHBOARD_WORDS } from './words.js';

/**
 * `<ck-complaint-dashboard>`: the management view of complaints over a period, every part from the
 * service's reports API (docs/domain/metrics.md): the headline rates (received, timeliness, repeat,
 * satisfaction), shares by intake channel, business category and cause, timeliness per
 * organisation, the monthly trend with MoM and YoY, a province heat map, and the open alerts. Each
 * part is its own element (`<ck-dashboard-rates>`, `<ck-dashboard-shares by>`,
 * `<ck-dashboard-timeliness>`, `<ck-dashboard-trend>`, `<ck-dashboard-heat-map>`,
 * `<ck-dashboard-alerts>`), usable alone. For managers, leadership and auditors; others get the
 * service's refusal. Its code is a chunk of its own: `/auto` loads it only when the page has one.
 *
 * @csspart base - the dashboard
 * @csspart parts - the grid of parts
 *
 * @example
 * ```html
 * <ck-complaint-dashboard from="2026-01-01" to="2026-03-31"></ck-complaint-dashboard>
 * ```
 *
 * @customElement ck-complaint-dashboard
 * @fires ck-ready - Every part shows the service's figures.
 * @fires ck-error - A part could not read its figures.
 */
export class ComplaintDashboard extends CkElement {
  /** Shared tokens plus the dashboard's looks. */
  static override styles = [baseStyles, dashboardStyles];
  /** Reactive properties. */
  static override properties = {
    ...CkElement.properties,
    from: { type: String },
    to: { type: String },
    orgId: { type: String, attribute: 'org-id' },
  };

  /** First bank day of the period; default the first of the month two months back. */
  declare from: string | undefined;
  /** Last bank day of the period; default today (Asia/Shanghai). */
  declare to: string | undefined;
  /** The organisation whose subtree to show; default the member's own. */
  declare orgId: string | undefined;
  private waiting = new Set<EventTarget>();

  /** Defines the part elements it is made of (if the page has not). */
  override connectedCallback(): void {
    defineDashboardParts();
    super.connectedCallback();
  }

  /** Fires one `ck-ready` once every part has shown its figures. */
  protected override firstUpdated(): void {
    this.waiting = new Set(this.renderRoot.querySelectorAll('[data-part]'));
    this.renderRoot.addEventListener('ck-ready', (e) => {
      if (e.target === this) return;
      e.stopPropagation();
      this.waiting.delete(e.target as EventTarget);
      if (this.waiting.size === 0) this.emit('ck-ready', { element: 'ck-complaint-dashboard' });
    });
  }

  /** The parts in a grid that is one column on a phone. */
  protected override render(): TemplateResult {
    const w = DASHBOARD_WORDS[this.domainLang];
    const p = { from: this.from, to: this.to, orgId: this.orgId, baseUrl: this.baseUrl, token: this.token, locale: this.locale };
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" class="title">${w.title}</h2>
      <div part="parts" class="grid">
        <ck-dashboard-rates data-part .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-rates>
        <ck-dashboard-alerts data-part .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-alerts>
        <ck-dashboard-trend data-part .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-trend>
        <ck-dashboard-heat-map data-part .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-heat-map>
        <ck-dashboard-shares data-part by="intakeChannel" .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-shares>
        <ck-dashboard-shares data-part by="businessMajor" .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-shares>
        <ck-dashboard-shares data-part by="cause" .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-shares>
        <ck-dashboard-timeliness data-part .from=${p.from} .to=${p.to} .orgId=${p.orgId} .baseUrl=${p.baseUrl} .token=${p.token} .locale=${p.locale}></ck-dashboard-timeliness>
      </div>
    </section>`;
  }
}

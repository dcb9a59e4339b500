import type { ComplaintClient } from '@complaintkit/core';
import type { HeatMap } from './reporting.js';
import { html, svg, type TemplateResult } from 'lit';
import { DashboardPart } from './dashboard-part.js';
import { formatNumber } from './format.js';
import { PROVINCE_TILES } from './province-tiles.js';
import { fill } from './words.js';

const TILE = 40;
const COLS = 8;
const ROWS = 8;
/** Five steps from light to dark; text is dark on the first three and white on the last two (WCAG AA). */
const STEPS = 5;

/**
 * `<ck-dashboard-heat-map>`: complaints per province (GB/T 2260) in the period as a tile-grid map,
 * one equal square per province, darker for more (`metric="per10kCustomers"` for the rate per
 * 10,000 customers), with complaints not tied to a region counted apart and never merged into a
 * province. A tile grid, not shapes: every province is equally visible and the map costs no
 * download. The figures are also in a table.
 *
 * @csspart base - the part
 * @csspart map - the SVG map
 *
 * @example
 * ```html
 * <ck-dashboard-heat-map metric="per10kCustomers"></ck-dashboard-heat-map>
 * ```
 *
 * @customElement ck-dashboard-heat-map
 * @fires ck-ready - The figures are shown.
 * @fires ck-error - They could not be read.
 */
export class DashboardHeatMap extends DashboardPart<HeatMap> {
  /** Reactive properties. */
  static override properties = { ...DashboardPart.properties, metric: { type: String } };
  /** `volume` (default): complaints; `per10kCustomers`: per 10,000 customers where the bank knows them. */
  declare metric: 'volume' | 'per10kCustomers';

  constructor() {
    super();
    this.metric = 'volume';
  }

  protected fetch(client: ComplaintClient): Promise<HeatMap> {
    return client.reports.heatMap({ ...this.query(), level: 'province' });
  }

  protected heading(): string {
    return this.w.heatMap;
  }

  protected view(h: HeatMap): TemplateResult {
    const lang = this.lang_;
    const en = this.domainLang === 'en';
    const cellValue = (c: HeatMap['cells'][number] | undefined) => (c ? (this.metric === 'volume' ? c.volume : c.per10kCustomers) : null);
    const byRegion = new Map(h.cells.map((c) => [c.region, c]));
    const values = PROVINCE_TILES.map((t) => cellValue(byRegion.get(t.code))).filter((v): v is number => v !== null && v > 0);
    const max = Math.max(0, ...values);
    const step = (v: number | null) => (v === null || v <= 0 || max === 0 ? -1 : Math.min(STEPS - 1, Math.floor((v / max) * STEPS)));
    const notRegional = byRegion.get('not_regional')?.volume ?? 0;
    const rows = PROVINCE_TILES.map((t) => ({ t, v: cellValue(byRegion.get(t.code)) }))
      .filter((x) => x.v !== null && x.v > 0)
      .sort((a, b) => (b.v ?? 0) - (a.v ?? 0));
    const label = `${this.w.heatMap}: ${rows.map((x) => `${en ? x.t.en : x.t.zh} ${formatNumber(x.v, lang)}`).join(', ')}`;
    return html`<svg part="map" class="map" viewBox="0 0 ${COLS * TILE} ${ROWS * TILE}" role="img" aria-label=${label}>
        ${PROVINCE_TILES.map((t) => {
          const v = cellValue(byRegion.get(t.code));
          const s = step(v);
          const name = en ? t.en : t.zh;
          return svg`<g class="tile" data-region=${t.code} data-step=${s} transform="translate(${t.col * TILE} ${t.row * TILE})">
            <title>${name} ${formatNumber(v, lang)}</title>
            <rect x="1" y="1" width=${TILE - 2} height=${TILE - 2} rx="4"></rect>
            <text x=${TILE / 2} y="17" text-anchor="middle">${en ? t.en.slice(0, 3) : t.zh.slice(0, 2)}</text>
            <text class="n" x=${TILE / 2} y="31" text-anchor="middle">${v === null ? '' : formatNumber(v, lang)}</text>
          </g>`;
        })}
      </svg>
      <p class="muted legend">${this.w.heatLegend}${notRegional > 0 ? html`；<span class="not-regional">${fill(this.w.notRegional, { n: formatNumber(notRegional, lang) })}</span>` : ''}</p>
      <details>
        <summary>${this.w.table}</summary>
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">${this.w.region}</th><th scope="col">${this.w.value}</th></tr></thead>
            <tbody>
              ${rows.map((x) => html`<tr data-region=${x.t.code}><th scope="row">${en ? x.t.en : x.t.zh}</th><td>${formatNumber(x.v, lang)}</td></tr>`)}
            </tbody>
          </table>
        </div>
      </details>`;
  }
}

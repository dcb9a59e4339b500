import { css } from 'lit';

/** Styles of the dashboard and its parts. @internal */
export const dashboardStyles = css`
  .bars {
    display: grid;
    gap: 10px;
  }
  .bars li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 2px 8px;
    min-width: 0;
  }
  .bar-label {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .bar-figure {
    text-align: end;
    white-space: nowrap;
  }
  .bar {
    grid-column: 1 / -1;
    width: 100%;
    height: 8px;
    display: block;
  }
  .bar .track {
    fill: var(--ck-divider, #e5e7eb);
  }
  .bar .fill {
    fill: var(--_accent);
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(130px, 1fr));
    gap: 8px;
    margin: 0;
  }
  .figure {
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
    padding: 10px 12px;
    min-width: 0;
  }
  .figure dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .figure dd {
    margin: 0;
    font-size: 1.5em;
    font-weight: 700;
  }
  .latest {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    align-items: baseline;
  }
  .latest-value {
    font-weight: 600;
  }
  .chart,
  .map {
    width: 100%;
    height: auto;
    display: block;
  }
  .map {
    max-width: 420px;
  }
  .chart .axis {
    stroke: var(--_border);
  }
  .chart .line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .chart .dot {
    fill: var(--_accent);
  }
  .axis-labels {
    display: flex;
    justify-content: space-between;
    font-size: 0.875em;
  }
  .tile rect {
    fill: #f3f4f6;
    stroke: var(--_bg);
  }
  .tile text {
    font-size: 10px;
    fill: #374151;
  }
  .tile .n {
    font-weight: 700;
  }
  .tile[data-step='0'] rect {
    fill: #ffedd5;
  }
  .tile[data-step='1'] rect {
    fill: #fed7aa;
  }
  .tile[data-step='2'] rect {
    fill: #fdba74;
  }
  .tile[data-step='3'] rect {
    fill: #c2410c;
  }
  .tile[data-step='4'] rect {
    fill: #7c2d12;
  }
  .tile[data-step='0'] text,
  .tile[data-step='1'] text,
  .tile[data-step='2'] text {
    fill: #1f2937;
  }
  .tile[data-step='3'] text,
  .tile[data-step='4'] text {
    fill: #ffffff;
  }
  .alerts {
    display: grid;
    gap: 8px;
  }
  .alert {
    display: grid;
    gap: 2px;
    padding: 8px 12px;
    border-left: 4px solid var(--_warn);
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .alert[data-level='alert'] {
    border-left-color: var(--_danger);
  }
  .alert[data-level='info'] {
    border-left-color: var(--_muted);
  }
  .alert .level {
    font-weight: 700;
  }
  details summary {
    cursor: pointer;
    min-height: 44px;
    display: flex;
    align-items: center;
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    font-size: 0.875em;
  }
  th,
  td {
    text-align: start;
    padding: 4px 8px;
    border-bottom: 1px solid var(--ck-divider, #e5e7eb);
    white-space: nowrap;
  }
  .grid {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
    min-width: 0;
  }
  .grid > * {
    min-width: 0;
    border: 1px solid var(--ck-divider, #e5e7eb);
    border-radius: var(--_radius);
  }
`;

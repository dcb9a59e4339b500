import { css } from 'lit';

/** Styles of `<ck-status-badge>`, themable through `--ck-*` custom properties and `::part(badge)`. @internal */
export const statusBadgeStyles = css`
  :host {
    display: inline-flex;
    flex-shrink: 0;
    align-items: center;
    gap: 0.5em;
    font: var(--ck-font, inherit);
  }
  [part='badge'] {
    white-space: nowrap;
    padding: 0.125em 0.625em;
    border-radius: var(--ck-radius, 999px);
    background: var(--ck-badge-bg, #eef2ff);
    color: var(--ck-badge-fg, #1e3a8a);
  }
  :host([tone='done']) [part='badge'] {
    background: var(--ck-badge-done-bg, #ecfdf5);
    color: var(--ck-badge-done-fg, #065f46);
  }
  :host([tone='stopped']) [part='badge'] {
    background: var(--ck-badge-stopped-bg, #f3f4f6);
    color: var(--ck-badge-stopped-fg, #374151);
  }
`;

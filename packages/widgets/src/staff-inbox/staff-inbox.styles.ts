import { css } from 'lit';

/** Styles of `<ck-staff-inbox>`. @internal */
export const staffInboxStyles = css`
  .list {
    display: grid;
    gap: 8px;
  }
  .item {
    border: 1px solid var(--ck-divider, #e5e7eb);
    border-left: 4px solid var(--_ok);
    border-radius: calc(var(--_radius) - 2px);
    min-width: 0;
  }
  .item[data-state='due_soon'] {
    border-left-color: var(--_warn);
  }
  .item[data-state='overdue'] {
    border-left-color: var(--_danger);
  }
  .item[data-state='paused'] {
    border-left-color: var(--_muted);
  }
  .summary {
    display: grid;
    gap: 2px;
    width: 100%;
    text-align: start;
    border: 0;
    background: transparent;
    color: inherit;
    min-width: 0;
  }
  .top {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    flex-wrap: wrap;
  }
  .desc {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .countdown {
    font-weight: 600;
    color: var(--_ok);
    white-space: nowrap;
  }
  .countdown[data-state='due_soon'] {
    color: var(--_warn);
  }
  .countdown[data-state='overdue'] {
    color: var(--_danger);
  }
  .countdown[data-state='paused'] {
    color: var(--_muted);
  }
  .actions {
    display: grid;
    gap: 8px;
    padding: 0 12px 12px;
  }
  .action-form {
    display: grid;
    gap: 8px;
  }
  .chip {
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--_surface);
    font-weight: 600;
  }
  .chip[data-state='overdue'] {
    color: var(--_danger);
  }
  .chip[data-state='due_soon'] {
    color: var(--_warn);
  }
  [hidden] {
    display: none !important;
  }
`;

import { css } from 'lit';

/** Styles of `<ck-complaint-status>`. @internal */
export const complaintStatusStyles = css`
  .number {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .stage strong {
    color: var(--_accent);
  }
  .deadline .left {
    font-weight: 600;
  }
  .deadline[data-left='soon'] .left {
    color: var(--_warn);
  }
  .deadline[data-left='overdue'] .left {
    color: var(--_danger);
  }
  .timeline li {
    display: grid;
    gap: 2px;
    padding: 8px 0 8px 16px;
    border-left: 2px solid var(--ck-divider, #e5e7eb);
    min-width: 0;
  }
  .timeline time {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .reason,
  .answer dd {
    overflow-wrap: anywhere;
  }
  .answer dl {
    margin: 0;
  }
  .answer dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .answer dd {
    margin: 0 0 8px;
  }
`;

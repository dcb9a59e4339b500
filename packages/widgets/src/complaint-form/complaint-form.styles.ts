import { css } from 'lit';

/** Styles of `<ck-complaint-form>` (on top of the shared tokens). @internal */
export const complaintFormStyles = css`
  .group {
    padding-top: 4px;
    border-top: 1px solid var(--ck-divider, #e5e7eb);
  }
  .counter {
    justify-self: end;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .files li,
  .pending-item {
    display: flex;
    gap: 8px;
    align-items: center;
    min-width: 0;
    padding: 4px 0;
  }
  .file-name,
  .pending-text {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  button.link {
    min-height: 32px;
    min-width: 44px;
    padding: 0 8px;
    border: 0;
  }
  button[type='submit'] {
    width: 100%;
    font-size: 1.0625em;
  }
  .confirmation .number {
    font-size: 1.25em;
    letter-spacing: 0.02em;
    overflow-wrap: anywhere;
  }
  .deadline {
    font-weight: 600;
    color: var(--_ok);
  }
  h2[tabindex='-1']:focus {
    outline: none;
  }
`;

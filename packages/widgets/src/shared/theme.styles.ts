import { css } from 'lit';

/**
 * Styles every ComplaintKit element shares: the `--ck-*` design tokens with their light defaults,
 * visible focus, and the text, field and button looks. Hosts restyle through the tokens and `::part`.
 *
 * @example
 * ```css
 * ck-complaint-form { --ck-accent: #b91c1c; --ck-radius: 4px; }
 * ck-complaint-form::part(submit) { font-weight: 700; }
 * ```
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: 100%;
    font: var(--ck-font, 16px/1.5 system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif);
    color: var(--ck-fg, #1f2937);
    --_accent: var(--ck-accent, #c2410c);
    --_accent-fg: var(--ck-accent-fg, #ffffff);
    --_muted: var(--ck-muted, #4b5563);
    --_bg: var(--ck-bg, #ffffff);
    --_surface: var(--ck-surface, #f9fafb);
    --_border: var(--ck-border, #9ca3af);
    --_danger: var(--ck-danger, #b91c1c);
    --_ok: var(--ck-ok, #047857);
    --_warn: var(--ck-warn, #92400e);
    --_radius: var(--ck-radius, 8px);
    --_gap: var(--ck-gap, 12px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [part~='base'] {
    background: var(--_bg);
    border-radius: var(--_radius);
    padding: var(--ck-padding, 16px);
    display: grid;
    gap: var(--_gap);
    min-width: 0;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
  }
  h3 {
    font-size: 1em;
  }
  p {
    margin: 0;
  }
  .field {
    display: grid;
    gap: 4px;
    min-width: 0;
  }
  label,
  legend {
    font-weight: 600;
  }
  .help {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .error:empty {
    display: none;
  }
  input:not([type='checkbox']):not([type='radio']):not([type='file']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    width: 100%;
    min-width: 0;
    min-height: 44px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
    min-width: 0;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 32px;
    font-weight: 400;
  }
  .check input {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_accent);
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 8px 16px;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  button[disabled],
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--ck-focus, #2563eb);
    outline-offset: 2px;
  }
  .muted {
    color: var(--_muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .notice {
    padding: 10px 12px;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .notice.bad {
    color: var(--_danger);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    min-width: 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
`;

import { type ComplaintStatus, FINAL_STATUSES, statusLabel } from '@complaintkit/core/domain';
import { html, LitElement, type PropertyValues } from 'lit';
import { statusBadgeStyles } from './status-badge.styles.js';

/**
 * `<ck-status-badge>`: shows a complaint's state as a label in zh-CN or en, with the complaint number.
 * Service text is always rendered as text, never as HTML.
 *
 * @example
 * ```html
 * <ck-status-badge status="in_progress" complaint-id="CK20260301-000042" locale="zh-CN"></ck-status-badge>
 * ```
 *
 * @customElement ck-status-badge
 */
export class StatusBadge extends LitElement {
  /** Styles, themable through `--ck-*` custom properties and `::part(badge)`. */
  static override styles = statusBadgeStyles;

  /** Reactive properties of the element. */
  static override properties = {
    status: { type: String },
    complaintId: { type: String, attribute: 'complaint-id' },
    locale: { type: String },
  };

  /** The complaint's state, e.g. `accepted`. */
  declare status: ComplaintStatus | undefined;
  /** The complaint number shown beside the label. */
  declare complaintId: string | undefined;
  /** `zh-CN` (default) or `en`. */
  declare locale: 'zh-CN' | 'en';

  constructor() {
    super();
    this.locale = 'zh-CN';
  }

  /** Reflects a `tone` attribute (`open`, `done`, `stopped`) for styling. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('status') && this.status) {
      const tone = FINAL_STATUSES.has(this.status) ? 'stopped' : this.status === 'closed' ? 'done' : 'open';
      this.setAttribute('tone', tone);
    }
  }

  /** Renders the label and the number as text nodes. */
  protected override render() {
    if (!this.status) return html``;
    return html`<span part="badge" role="status">${statusLabel(this.status, this.locale)}</span>${
      this.complaintId ? html`<span part="id">${this.complaintId}</span>` : null
    }`;
  }
}

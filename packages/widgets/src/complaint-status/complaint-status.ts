import type { Complaint } from '@complaintkit/core';
import { statusLabel } from '@complaintkit/core/domain';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CkElement } from '../shared/ck-element.js';
import { daysUntil, formatDateTime } from '../shared/format.js';
import { baseStyles } from '../shared/theme.styles.js';
import { complaintStatusStyles } from './complaint-status.styles.js';

type Unsubscribable = { unsubscribe(): void };

/**
 * `<ck-complaint-status>`: one complaint's current stage, answer deadline and timeline, live: it
 * follows the service's change stream (`client.complaints.watch`) and fires `ck-status-change` on
 * each new state. Every piece of service text (reasons, names) renders as text.
 *
 * @csspart base - the card
 * @csspart stage - the current stage
 * @csspart deadline - the deadline line
 * @csspart timeline - the list of events
 *
 * @example
 * ```html
 * <ck-complaint-status complaint-id="CK20260301-000042"></ck-complaint-status>
 * ```
 *
 * @customElement ck-complaint-status
 * @fires ck-ready - Following the complaint.
 * @fires ck-status-change - The complaint moved to `detail.status`.
 * @fires ck-error - The complaint could not be read.
 */
export class ComplaintStatus extends CkElement {
  /** Styles: shared tokens plus the timeline's. */
  static override styles = [baseStyles, complaintStatusStyles];
  /** Reactive properties of the element. */
  static override properties = {
    ...CkElement.properties,
    complaintId: { type: String, attribute: 'complaint-id' },
    complaint: { attribute: false },
    error: { state: true },
  };

  /** The complaint number to follow, e.g. `CK20260301-000042`. */
  declare complaintId: string | undefined;
  /** The complaint as last seen (set it yourself to render without a request). */
  declare complaint: Complaint | undefined;
  declare private error: string;
  private sub: Unsubscribable | undefined;
  private watching: string | undefined;

  constructor() {
    super();
    this.error = '';
  }

  /** Starts following again when re-attached. */
  override connectedCallback(): void {
    super.connectedCallback();
    if (this.watching === undefined && this.complaintId) this.follow();
  }

  /** Stops following the complaint. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  /** Follows a new complaint id. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('complaintId') && this.isConnected && this.complaintId !== this.watching) this.follow();
  }

  private stop(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
    this.watching = undefined;
  }

  private follow(): void {
    this.stop();
    const id = this.complaintId;
    if (!id) return;
    this.watching = id;
    void this.client()
      .then((client) => {
        if (this.watching !== id) return;
        this.sub = client.complaints.watch(id, { completeOnFinal: false }).subscribe({
          next: (c) => {
            const previous = this.complaint?.id === c.id ? this.complaint.status : null;
            this.complaint = c;
            this.error = '';
            if (previous !== c.status) this.emit('ck-status-change', { complaintNumber: c.id, status: c.status, previous });
          },
          error: (e: unknown) => {
            this.error = this.fail(e);
          },
        });
        this.emit('ck-ready', { element: 'ck-complaint-status' });
      })
      .catch((e: unknown) => {
        this.error = this.fail(e);
      });
  }

  private deadline(c: Complaint): TemplateResult {
    const d = c.deadlines;
    if (d.paused) return html`<p part="deadline" class="deadline">${this.t('paused')}</p>`;
    const due = d.reviewDueAt ?? d.decisionDueAt;
    if (!due || ['responded', 'followed_up', 'closed', 'declined', 'merged', 'withdrawn'].includes(c.status)) return html``;
    const n = daysUntil(due, Date.now());
    const left = n > 0 ? this.t('daysLeft', { n }) : n === 0 ? this.t('dueToday') : this.t('overdueBy', { n: -n });
    return html`<p part="deadline" class="deadline" data-left=${n < 0 ? 'overdue' : n <= 2 ? 'soon' : 'ok'}>
      <span>${this.t('due')}：${formatDateTime(due, this.lang_, true)}</span> <span class="left">${left}</span>
    </p>`;
  }

  /** Renders the stage, deadline and timeline, newest first. */
  protected override render(): TemplateResult {
    const c = this.complaint;
    if (!c) {
      return html`<div part="base" role="status" aria-live="polite">${this.error ? html`<p class="notice bad">${this.error}</p>` : this.t('loading')}</div>`;
    }
    const events = [...c.timeline].sort((a, b) => b.seq - a.seq);
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${this.t('statusTitle')} <span class="number">${c.id}</span></h2>
      <p part="stage" class="stage" role="status" aria-live="polite">
        <span class="muted">${this.t('stage')}</span> <strong data-status=${c.status}>${statusLabel(c.status, this.domainLang)}</strong>
      </p>
      ${this.deadline(c)}
      ${this.error ? html`<p class="notice bad" role="alert">${this.error}</p>` : nothing}
      <h3>${this.t('timeline')}</h3>
      <ol part="timeline" class="timeline">
        ${events.map(
          (e) => html`<li>
            <time datetime=${e.at}>${formatDateTime(e.at, this.lang_)}</time>
            <span class="what">${statusLabel(e.toStatus, this.domainLang)}</span>
            ${e.reason ? html`<span class="reason">${e.reason}</span>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}

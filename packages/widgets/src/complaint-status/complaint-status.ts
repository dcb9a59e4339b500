import type { Complaint, TimelineEvent } from '@complaintkit/core';
import { type Decision, statusLabel } from '@complaintkit/core/domain';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/zh-cn.js';
import { CkElement } from '../shared/ck-element.js';
import { daysUntil, formatDateTime } from '../shared/format.js';
import { serviceText } from '../shared/service-text.js';
import { baseStyles } from '../shared/theme.styles.js';
import { complaintStatusStyles } from './complaint-status.styles.js';

type Unsubscribable = { unsubscribe(): void };

/** @internal the steps that leave the state as it was, named for what happened (the others by the state they reach). */
const STEP_WORDS: Partial<Record<TimelineEvent['type'], MessageKey>> = {
  transfer: 'stepTransfer',
  extend: 'stepExtend',
  new_facts: 'stepNewFacts',
  follow_up: 'stepFollowUp',
};
/** @internal the words of a decision's outcome and of the remedies open to the customer. */
const OUTCOME_WORDS: Record<Decision['outcome'], MessageKey> = { upheld: 'upheld', partly_upheld: 'partlyUpheld', not_upheld: 'notUpheld' };
const REMEDY_WORDS: Record<Decision['remediesOffered'][number], MessageKey> = {
  review: 'remedyReview',
  mediation: 'remedyMediation',
  arbitration: 'remedyArbitration',
  litigation: 'remedyLitigation',
};

/**
 * `<ck-complaint-status>`: one complaint's current stage, answer deadline, the bank's answer and the
 * steps so far, live: it follows the service's change stream (`client.complaints.watch`) and fires
 * `ck-status-change` on each new state. It shows what the customer's view of a complaint carries
 * (docs/domain/personal-data.md): each step's time and what it did, the reasons the bank tells the
 * customer, the decision; never who at the bank did it. Every piece of service text (a reason, the
 * basis, the remedy) renders as text in its own direction isolate, with direction controls taken out.
 *
 * @csspart base - the card
 * @csspart stage - the current stage
 * @csspart deadline - the deadline line
 * @csspart answer - the bank's answer (the decision, and a review's)
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

  private decision(d: Decision): TemplateResult {
    return html`<dl>
      <dt>${this.t('outcome')}</dt>
      <dd data-outcome=${d.outcome}>${this.t(OUTCOME_WORDS[d.outcome])}</dd>
      ${d.remedy !== undefined || d.amount !== undefined
        ? html`<dt>${this.t('remedyGiven')}</dt>
            <dd>${d.remedy !== undefined ? serviceText(d.remedy, 'remedy') : nothing} ${d.amount !== undefined ? this.t('amount', { n: d.amount }) : nothing}</dd>`
        : nothing}
      <dt>${this.t('basis')}</dt>
      <dd>${serviceText(d.basis, 'basis')}</dd>
      <dt>${this.t('remediesOffered')}</dt>
      <dd>${d.remediesOffered.map((r) => this.t(REMEDY_WORDS[r])).join(this.domainLang === 'zh-CN' ? '、' : ', ')}</dd>
    </dl>`;
  }

  private answer(c: Complaint): TemplateResult | typeof nothing {
    const reviewed = c.review?.decision;
    if (!c.decision && !reviewed) return nothing;
    return html`<section part="answer" class="answer" aria-labelledby="answer-title">
      <h3 id="answer-title">${this.t('answerTitle')}</h3>
      ${c.decision ? this.decision(c.decision) : nothing}
      ${reviewed ? html`<h4>${this.t('reviewAnswer')}</h4>${this.decision(reviewed)}` : nothing}
    </section>`;
  }

  private step(e: TimelineEvent): string {
    const word = STEP_WORDS[e.type];
    return word ? this.t(word) : statusLabel(e.toStatus, this.domainLang);
  }

  /** Renders the stage, deadline, the bank's answer and the timeline, newest first. */
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
      ${this.answer(c)}
      <h3>${this.t('timeline')}</h3>
      <ol part="timeline" class="timeline">
        ${events.map(
          (e) => html`<li>
            <time datetime=${e.at}>${formatDateTime(e.at, this.lang_)}</time>
            <span class="what" data-step=${e.type}>${this.step(e)}</span>
            ${e.reason ? serviceText(e.reason, 'reason') : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}

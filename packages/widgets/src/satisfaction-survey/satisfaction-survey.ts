import type { Complaint } from '@complaintkit/core';
import { hasVisibleText } from '@complaintkit/core/domain';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { limitCharsIn } from '../shared/char-limit.js';
import { CkElement } from '../shared/ck-element.js';
import { baseUrlOf } from '../shared/connection.js';
import { baseStyles } from '../shared/theme.styles.js';

type Phase = 'closed' | 'open' | 'sending' | 'thanks' | 'review' | 'reviewSent';

/**
 * `<ck-satisfaction-survey>` (回访): after the bank's answer, the customer rates the handling
 * (1–5), says whether they accept the decision, leaves a comment, or asks the higher-level
 * organisation to verify the decision (核查, within 30 days). The answer goes through the offline
 * outbox with a key made when the survey starts, so it is recorded once.
 *
 * @csspart base - the card
 * @csspart rating - the star radio group
 * @csspart submit - the send button
 * @csspart review - the verification request
 *
 * @example
 * ```html
 * <ck-satisfaction-survey complaint-id="CK20260301-000042"></ck-satisfaction-survey>
 * ```
 *
 * @customElement ck-satisfaction-survey
 * @fires ck-ready - The complaint is read.
 * @fires ck-submitted - The answer is queued or recorded.
 * @fires ck-status-change - A verification (核查) was requested.
 * @fires ck-error - Something went wrong.
 */
export class SatisfactionSurvey extends CkElement {
  /** Styles: shared tokens plus the stars'. */
  static override styles = [
    baseStyles,
    css`
      .stars {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      .stars label {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: 44px;
        min-height: 44px;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) - 2px);
        font-weight: 400;
        cursor: pointer;
      }
      .stars input {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
      }
      .stars label:has(input:checked) {
        background: var(--_accent);
        color: var(--_accent-fg);
        border-color: var(--_accent);
      }
      .stars label:has(input:focus-visible) {
        outline: 3px solid var(--ck-focus, #2563eb);
        outline-offset: 2px;
      }
    `,
  ];
  /** Reactive properties of the element. */
  static override properties = {
    ...CkElement.properties,
    complaintId: { type: String, attribute: 'complaint-id' },
    complaint: { attribute: false },
    phase: { state: true },
    rating: { state: true },
    comment: { state: true },
    accepted: { state: true },
    reason: { state: true },
    error: { state: true },
  };

  /** The complaint the survey is about. */
  declare complaintId: string | undefined;
  /** The complaint, if the host already has it (e.g. from `ck-complaint-status`); read otherwise. */
  declare complaint: Complaint | undefined;
  declare private phase: Phase;
  declare private rating: number;
  declare private comment: string;
  declare private accepted: boolean;
  declare private reason: string;
  declare private error: string;
  private key: string | undefined;

  constructor() {
    super();
    this.phase = 'closed';
    this.rating = 0;
    this.comment = '';
    this.accepted = true;
    this.reason = '';
    this.error = '';
  }

  /** The shadow root, with its text fields limited in characters as the service counts them (`data-max-chars`). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    limitCharsIn(root);
    return root;
  }

  /** Reads the complaint when given only its id. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('complaintId') && this.complaintId && this.complaint?.id !== this.complaintId) void this.load();
    if (changed.has('complaint') && this.complaint && (this.phase === 'closed' || this.phase === 'open')) {
      this.phase = this.complaint.status === 'responded' ? 'open' : 'closed';
    }
  }

  private async load(): Promise<void> {
    const id = this.complaintId;
    if (!id) return;
    try {
      const c = await (await this.client()).complaints.get(id);
      if (this.complaintId === id) this.complaint = c;
      this.emit('ck-ready', { element: 'ck-satisfaction-survey' });
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  private async send(ev: Event): Promise<void> {
    ev.preventDefault();
    if (this.phase !== 'open' || !this.complaint) return;
    if (!this.rating) {
      this.error = this.t('ratingRequired');
      return;
    }
    this.phase = 'sending';
    this.error = '';
    try {
      const m = await import('../shared/outbox.js');
      const page = m.pageOutbox(baseUrlOf({ baseUrl: this.baseUrl }), () => this.client());
      this.key ??= m.newEntryKey(page);
      const answer = {
        reached: true,
        satisfaction: this.rating,
        decisionAccepted: this.accepted,
        ...(hasVisibleText(this.comment) ? { comment: this.comment.trim() } : {}),
      };
      const item = await m.enqueueOnce(page, 'survey', this.key, { complaintId: this.complaint.id, answer });
      this.phase = 'thanks';
      this.emit('ck-submitted', { complaintNumber: this.complaint.id, idempotencyKey: item.id, queued: item.state !== 'sent' });
    } catch (e) {
      this.phase = 'open';
      this.error = this.fail(e);
    }
  }

  private async review(ev: Event): Promise<void> {
    ev.preventDefault();
    if (!this.complaint || !hasVisibleText(this.reason)) {
      this.error = this.t('required', { field: this.t('reviewReason') });
      return;
    }
    try {
      const c = await (await this.client()).complaints.requestReview(this.complaint.id, { reason: this.reason.trim() });
      this.complaint = c;
      this.phase = 'reviewSent';
      this.emit('ck-status-change', { complaintNumber: c.id, status: c.status, previous: 'responded' });
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  private renderReview(): TemplateResult {
    return html`<form part="review" class="field" @submit=${this.review}>
      <label for="reason">${this.t('reviewReason')}</label>
      <span class="help" id="reason-help">${this.t('reviewHelp')}</span>
      <textarea id="reason" rows="3" data-max-chars="2000" aria-describedby="reason-help" .value=${this.reason}
        @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
      <button type="submit">${this.t('sendReview')}</button>
    </form>`;
  }

  /** Renders the survey, the thanks, or why it is not open yet. */
  protected override render(): TemplateResult {
    const c = this.complaint;
    const canReview = c && ['responded', 'followed_up', 'closed'].includes(c.status);
    const alert = html`<p class="error" role="alert">${this.error}</p>`;
    if (this.phase === 'reviewSent') return html`<section part="base"><p class="notice" role="status">${this.t('reviewSent')}</p></section>`;
    if (this.phase === 'thanks' || this.phase === 'review' || this.phase === 'closed') {
      return html`<section part="base" aria-labelledby="title">
        <h2 id="title">${this.t('surveyTitle')}</h2>
        ${this.phase === 'thanks' ? html`<p class="notice" role="status">${this.t('surveyThanks')}</p>` : nothing}
        ${this.phase === 'closed' && c && !canReview ? html`<p class="muted">${this.t('surveyNotOpen')}</p>` : nothing}
        ${canReview && this.phase !== 'review'
          ? html`<button type="button" @click=${() => (this.phase = 'review')}>${this.t('askReview')}</button>`
          : nothing}
        ${this.phase === 'review' ? this.renderReview() : nothing} ${alert}
      </section>`;
    }
    const sending = this.phase === 'sending';
    return html`<form part="base" @submit=${this.send} aria-labelledby="title" aria-busy=${sending ? 'true' : 'false'}>
      <h2 id="title">${this.t('surveyTitle')}</h2>
      <p class="help">${this.t('surveyHelp')}</p>
      <fieldset part="rating">
        <legend>${this.t('rating')}</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label><input type="radio" name="rating" value=${n} .checked=${this.rating === n}
              aria-label=${this.t('stars', { n })} @change=${() => (this.rating = n)} /><span aria-hidden="true">${'★'.repeat(n)}</span></label>`,
          )}
        </div>
      </fieldset>
      <label class="check"><input type="checkbox" .checked=${this.accepted}
        @change=${(e: Event) => (this.accepted = (e.target as HTMLInputElement).checked)} />${this.t('acceptDecision')}</label>
      <div class="field">
        <label for="comment">${this.t('comment')}</label>
        <textarea id="comment" rows="3" data-max-chars="2000" .value=${this.comment}
          @input=${(e: Event) => {
            this.comment = (e.target as HTMLTextAreaElement).value;
          }}></textarea>
      </div>
      ${alert}
      <button type="submit" part="submit" class="primary" ?disabled=${sending}>${sending ? this.t('sending') : this.t('sendSurvey')}</button>
      <button type="button" class="link" @click=${() => (this.phase = 'review')}>${this.t('askReview')}</button>
    </form>`;
  }
}

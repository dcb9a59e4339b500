import type { ClassificationSuggestions, Complaint, ComplaintClient, Me, OrganisationList } from '@complaintkit/core';
import { allowedActions, type ComplaintAction, hasVisibleText, labelOf, statusLabel } from '@complaintkit/core/domain';
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/zh-cn.js';
import { limitCharsIn } from '../shared/char-limit.js';
import { CkElement } from '../shared/ck-element.js';
import { formatDateTime } from '../shared/format.js';
import { baseStyles } from '../shared/theme.styles.js';
import { type InboxAction, INBOX_ACTIONS, urgencyOf, byUrgency, type Urgency } from './urgency.js';
import { staffInboxStyles } from './staff-inbox.styles.js';

type Unsubscribable = { unsubscribe(): void };
type SuggestionsModule = typeof import('../suggestions/suggestions.js');
const OPEN = ['registered', 'accepted', 'in_progress', 'on_hold', 'escalated', 'under_review'] as const;

/**
 * `<ck-staff-inbox>`: the staff mobile module. The complaints a staff member handles, most urgent
 * first, each with its deadline countdown; due-soon and overdue reminders; search; and the
 * actions the member's role allows on each now (accept, transfer to another organisation or person
 * with a reason, respond, escalate, extend), computed with the same rules the service applies.
 * Refreshes live from the service's change stream and every minute.
 *
 * @csspart base - the inbox
 * @csspart reminders - the due-soon / overdue chips
 * @csspart search - the search field
 * @csspart item - each complaint
 * @csspart actions - the action buttons of the open complaint
 *
 * @example
 * ```html
 * <ck-staff-inbox scope="mine"></ck-staff-inbox>
 * ```
 *
 * @customElement ck-staff-inbox
 * @fires ck-ready - The inbox is loaded.
 * @fires ck-select - A complaint was opened.
 * @fires ck-action - An action went through: `detail.action`.
 * @fires ck-error - Something went wrong.
 */
export class StaffInbox extends CkElement {
  /** Styles: shared tokens plus the inbox's. */
  static override styles = [baseStyles, staffInboxStyles];
  /** Reactive properties of the element. */
  static override properties = {
    ...CkElement.properties,
    scope: { type: String },
    items: { state: true },
    query: { state: true },
    open: { state: true },
    acting: { state: true },
    error: { state: true },
    said: { state: true },
    me: { state: true },
    orgs: { state: true },
    now: { state: true },
    words: { state: true },
  };

  /** `all` (default): every open complaint the member may see; `mine`: only those assigned to them. */
  declare scope: 'all' | 'mine';
  declare private items: readonly Complaint[];
  declare private query: string;
  declare private open: string | undefined;
  declare private acting: InboxAction | undefined;
  declare private error: string;
  declare private said: string;
  declare private me: Me | undefined;
  declare private orgs: OrganisationList['data'];
  declare private now: number;
  /** Per complaint opened: what the service reads in its words (flags for staff), once loaded. */
  declare private words: ReadonlyMap<string, ClassificationSuggestions>;
  private panel: SuggestionsModule | undefined;
  private live: Unsubscribable | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.scope = 'all';
    this.items = [];
    this.query = '';
    this.error = '';
    this.said = '';
    this.orgs = [];
    this.now = Date.now();
    this.words = new Map();
  }

  /** The shadow root, with its text fields limited in characters as the service counts them (`data-max-chars`). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    limitCharsIn(root);
    return root;
  }

  /** Loads the inbox and follows changes. */
  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
    this.ticker = setInterval(() => {
      this.now = Date.now();
    }, 60_000);
  }

  /** Stops following changes. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.unsubscribe();
    clearInterval(this.ticker);
  }

  private async start(): Promise<void> {
    try {
      const client = await this.client();
      const [me, orgs] = await Promise.all([client.identity.me(), client.identity.organisations()]);
      this.me = me;
      this.orgs = orgs.data;
      await this.reload();
      this.emit('ck-ready', { element: 'ck-staff-inbox' });
      this.live = client.complaints.stream().subscribe({
        next: () => {
          clearTimeout(this.reloadTimer);
          this.reloadTimer = setTimeout(() => void this.reload(), 300);
        },
        error: () => undefined, // the minute timer still reloads
      });
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  /**
   * Reads the list again.
   *
   * @example
   * ```ts
   * await inbox.reload();
   * ```
   */
  async reload(): Promise<void> {
    try {
      const client: ComplaintClient = await this.client();
      const q = this.query.trim();
      const page = await client.complaints.list({
        status: [...OPEN],
        limit: 100,
        ...(this.scope === 'mine' ? { assigneeId: 'me' } : {}),
        ...(q ? { q } : {}),
      });
      this.now = Date.now();
      this.items = [...page.data].sort(byUrgency(this.now));
      this.error = '';
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  private onSearch(value: string): void {
    this.query = value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.reload(), 300);
  }

  /**
   * Reads the complaint's words for sensitive-case flags (media, lawsuit, regulator hotline, …) with
   * the phrases that raised them, so the member sees why escalation (包案) may be due. The panel's
   * code loads on the first complaint opened; a failure shows nothing (a help, never in the way).
   */
  private async readWords(c: Complaint): Promise<void> {
    if (this.words.has(c.id)) return;
    try {
      const [m, client] = await Promise.all([import('../suggestions/suggestions.js'), this.client()]);
      if (!this.panel) {
        m.adoptPanelStyles(this.renderRoot as ShadowRoot);
        this.panel = m;
      }
      const s = await client.classification.suggest({
        description: c.description,
        ...(c.requestedResolution ? { requestedResolution: c.requestedResolution } : {}),
      });
      this.words = new Map([...this.words, [c.id, s]]);
    } catch {
      // No flags shown; the actions still work.
    }
  }

  private actionsFor(c: Complaint): InboxAction[] {
    if (!this.me) return [];
    const allowed = allowedActions(c, this.me.actor, { now: this.now });
    return INBOX_ACTIONS.filter((a) => allowed.includes(a as ComplaintAction));
  }

  private async act(c: Complaint, action: InboxAction, form: HTMLFormElement): Promise<void> {
    const f = new FormData(form);
    // A field that shows nothing (spaces, a pasted U+200B) is no text: left out, or refused as missing.
    const s = (k: string) => {
      const v = String(f.get(k) ?? '').trim();
      return hasVisibleText(v) ? v : '';
    };
    const now = new Date().toISOString();
    try {
      const complaints = (await this.client()).complaints;
      if (action === 'accept') await complaints.accept(c.id, s('note') ? { note: s('note') } : {});
      if (action === 'start') await complaints.start(c.id, s('note') ? { note: s('note') } : {});
      if (action === 'transfer') {
        await complaints.transfer(c.id, {
          reason: s('reason'),
          ...(s('toOrgId') ? { toOrgId: s('toOrgId') } : {}),
          ...(s('toAssigneeId') ? { toAssigneeId: s('toAssigneeId') } : {}),
        });
      }
      if (action === 'respond') {
        await complaints.respond(c.id, {
          outcome: s('outcome') as 'upheld',
          basis: s('basis'),
          ...(s('remedy') ? { remedy: s('remedy') } : {}),
          remediesOffered: ['review', 'mediation', 'arbitration', 'litigation'],
          notifiedVia: s('notifiedVia') as 'phone',
          notifiedAt: now,
        });
      }
      if (action === 'escalate') await complaints.escalate(c.id, { severity: s('severity') as 'complex', reason: s('reason') });
      if (action === 'extend') await complaints.extend(c.id, { reason: s('reason'), complainantNotifiedAt: now });
      this.acting = undefined;
      this.said = this.t('actionDone', { action: this.t(action) });
      this.emit('ck-action', { complaintNumber: c.id, action });
      await this.reload();
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  private countdown(c: Complaint, u: Urgency): TemplateResult {
    const text =
      u.state === 'paused'
        ? this.t('paused')
        : u.state === 'overdue'
          ? this.t('overdueBy', { n: Math.max(1, u.days) })
          : u.hours < 24
            ? this.t('hoursLeft', { n: u.hours })
            : this.t('daysLeft', { n: u.days });
    return html`<span class="countdown" data-state=${u.state} title=${c.deadlines.decisionDueAt ? formatDateTime(c.deadlines.decisionDueAt, this.lang_) : ''}>${text}</span>`;
  }

  private renderForm(c: Complaint, action: InboxAction): TemplateResult {
    const note = () => html`<div class="field"><label for="note">${this.t('note')}</label><input id="note" name="note" data-max-chars="2000" /></div>`;
    const reason = (required = true) => html`<div class="field">
      <label for="reason">${this.t('reason')}</label>
      <textarea id="reason" name="reason" rows="2" data-max-chars="2000" ?required=${required}></textarea>
    </div>`;
    const select = (name: string, label: MessageKey, options: [string, string][]) => html`<div class="field">
      <label for=${name}>${this.t(label)}</label>
      <select id=${name} name=${name} required>${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
    </div>`;
    const fields: Record<InboxAction, () => TemplateResult> = {
      accept: () => note(),
      start: () => note(),
      transfer: () => html`${select(
        'toOrgId',
        'toOrg',
        this.orgs.filter((o) => o.id !== c.handlingOrgId).map((o) => [o.id, o.name]),
      )}
        <div class="field"><label for="toAssigneeId">${this.t('toPerson')}</label><input id="toAssigneeId" name="toAssigneeId" maxlength="64" /></div>
        ${reason()}`,
      respond: () => html`${select('outcome', 'outcome', [
        ['upheld', this.t('upheld')],
        ['partly_upheld', this.t('partlyUpheld')],
        ['not_upheld', this.t('notUpheld')],
      ])}
        <div class="field"><label for="basis">${this.t('basis')}</label><textarea id="basis" name="basis" rows="3" data-max-chars="4000" required></textarea></div>
        <div class="field"><label for="remedy">${this.t('remedy')}</label><input id="remedy" name="remedy" data-max-chars="2000" /></div>
        ${select('notifiedVia', 'notifiedVia', [
          ['phone', this.t('viaPhone')],
          ['sms', this.t('viaSms')],
          ['app', this.t('viaApp')],
          ['letter', this.t('viaLetter')],
          ['in_person', this.t('viaInPerson')],
          ['email', this.t('viaEmail')],
        ])}`,
      escalate: () => html`${select('severity', 'severity', [
        ['complex', this.t('complex')],
        ['sensitive', this.t('sensitive')],
        ['major', this.t('major')],
      ])}
        ${reason()}`,
      extend: () => reason(),
    };
    return html`<form class="action-form" aria-label=${this.t(action)}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.act(c, action, e.target as HTMLFormElement);
      }}>
      ${fields[action]()}
      <div class="row">
        <button type="submit" class="primary">${this.t('confirm')}</button>
        <button type="button" @click=${() => (this.acting = undefined)}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderItem(c: Complaint): TemplateResult {
    const u = urgencyOf(c, this.now);
    const isOpen = this.open === c.id;
    const actions = isOpen ? this.actionsFor(c) : [];
    return html`<li part="item" class="item" data-state=${u.state}>
      <button type="button" class="summary" aria-expanded=${isOpen ? 'true' : 'false'}
        @click=${() => {
          this.open = isOpen ? undefined : c.id;
          this.acting = undefined;
          if (!isOpen) {
            this.emit('ck-select', { complaintNumber: c.id });
            void this.readWords(c);
          }
        }}>
        <span class="top"><span class="number">${c.id}</span>${this.countdown(c, u)}</span>
        <span class="desc">${c.description}</span>
        <span class="muted">${statusLabel(c.status, this.domainLang)} · ${labelOf(c.businessCategory, this.domainLang)}</span>
      </button>
      ${isOpen
        ? html`<div part="actions" class="actions">
            ${this.panel && this.words.get(c.id)
              ? this.panel.renderFlags(this.words.get(c.id)?.flags ?? [], this.words.get(c.id)?.escalationSuggested ?? false, this.domainLang)
              : nothing}
            ${actions.length === 0 ? html`<p class="muted">${this.t('noActions')}</p>` : nothing}
            <div class="row">
              ${actions.map(
                (a) => html`<button type="button" aria-pressed=${this.acting === a ? 'true' : 'false'} @click=${() => (this.acting = a)}>${this.t(a)}</button>`,
              )}
            </div>
            ${this.acting ? this.renderForm(c, this.acting) : nothing}
          </div>`
        : nothing}
    </li>`;
  }

  /** Renders the reminders, the search and the list, most urgent first. */
  protected override render(): TemplateResult {
    const states = this.items.map((c) => urgencyOf(c, this.now).state);
    const overdue = states.filter((s) => s === 'overdue').length;
    const soon = states.filter((s) => s === 'due_soon').length;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${this.t('inboxTitle')}</h2>
      <p part="reminders" class="row reminders" role="status" aria-label=${this.t('reminders')}>
        <span class="chip" data-state="overdue">${this.t('overdueCount', { n: overdue })}</span>
        <span class="chip" data-state="due_soon">${this.t('dueSoonCount', { n: soon })}</span>
      </p>
      <div class="field">
        <label for="q" class="sr-only">${this.t('search')}</label>
        <input part="search" id="q" type="search" placeholder=${this.t('search')} .value=${this.query}
          @input=${(e: Event) => this.onSearch((e.target as HTMLInputElement).value)} />
      </div>
      <p class="notice" role="status" ?hidden=${!this.said}>${this.said}</p>
      ${this.error ? html`<p class="notice bad" role="alert">${this.error}</p>` : nothing}
      ${this.items.length === 0 && !this.error ? html`<p class="muted">${this.t('inboxEmpty')}</p>` : nothing}
      <ul class="list">
        ${this.items.map((c) => this.renderItem(c))}
      </ul>
    </section>`;
  }
}

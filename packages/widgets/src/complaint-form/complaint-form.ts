import {
  BUSINESS_CATEGORIES,
  COMPLAINT_CAUSES,
  type ClassificationSuggestions,
  codePointLength,
  type ComplaintCreateInput,
  hasVisibleText,
  type PriorityGroup,
  type SuggestionRecord,
  type TaxonomyNode,
} from '@complaintkit/core/domain';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { priorityGroupLabels } from '../i18n/localize.js';
import type { PickedFile } from '../shared/bridge.js';
import { limitCharsIn } from '../shared/char-limit.js';
import { CkElement } from '../shared/ck-element.js';
import { getConfig } from '../shared/config.js';
import { baseUrlOf } from '../shared/connection.js';
import { formatBytes, formatDateTime } from '../shared/format.js';
import { followKeyboard } from '../shared/keyboard.js';
import { baseStyles } from '../shared/theme.styles.js';
import { checkFiles, describeFiles } from './attachments.js';
import { complaintFormStyles } from './complaint-form.styles.js';
import { type Draft, type DraftValues, draftStore } from './draft-store.js';
import { type FieldProblem, LIMITS, problemsFromFields, validateComplaint } from './validate.js';

type OutboxModule = typeof import('../shared/outbox.js');
type SuggestionsModule = typeof import('../suggestions/suggestions.js');
type Item = import('../shared/outbox.js').OutboxItem;
type Phase = 'editing' | 'sending' | 'done';

const MAX = LIMITS;
const TEXT_FIELDS = ['description', 'requestedResolution', 'name', 'phone'] as const;
let outboxModule: Promise<OutboxModule> | undefined;
/** @internal the outbox and client code, fetched once, while the customer types or on first submit. */
const loadOutbox = (): Promise<OutboxModule> => {
  outboxModule ??= import('../shared/outbox.js');
  return outboxModule;
};

let suggestionsModule: Promise<SuggestionsModule> | undefined;
/** @internal the suggestion panel's code, fetched once, when the customer starts describing. */
const loadSuggestions = (): Promise<SuggestionsModule> => {
  suggestionsModule ??= import('../suggestions/suggestions.js');
  return suggestionsModule;
};

const optionLists = new Map<string, HTMLTemplateElement>();
/** @internal text as HTML text: the labels are the taxonomy's own, escaped all the same. */
const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * @internal a picker's options (a first "choose" option, then leaves under their major class),
 * built once per taxonomy and language as one HTML string parsed once (one parse instead of a
 * createElement and a text node per option), handed out as clones.
 */
const optionList = (nodes: readonly TaxonomyNode[], lang: 'zh-CN' | 'en', choose: string): DocumentFragment => {
  const key = `${nodes[0]?.code ?? ''} ${lang} ${choose}`;
  let list = optionLists.get(key);
  if (!list) {
    const label = (n: TaxonomyNode) => escapeHtml(lang === 'en' ? n.en : n.zh);
    const option = (n: TaxonomyNode) => `<option value="${n.code}">${label(n)}</option>`;
    let markup = `<option value="">${escapeHtml(choose)}</option>`;
    for (const g of grouped(nodes))
      markup += g.leaves.length === 0 ? option(g.major) : `<optgroup label="${label(g.major)}">${g.leaves.map(option).join('')}</optgroup>`;
    list = document.createElement('template');
    list.innerHTML = markup;
    optionLists.set(key, list);
  }
  return list.content.cloneNode(true) as DocumentFragment;
};

/** @internal leaves of a taxonomy (codes no other code names as its parent), grouped under their major class. */
const grouped = (nodes: readonly TaxonomyNode[]) => {
  const parents = new Set(nodes.map((n) => n.parent));
  const leaves = nodes.filter((n) => n.parent !== null && !parents.has(n.code));
  return nodes.filter((n) => n.parent === null).map((m) => ({ major: m, leaves: leaves.filter((n) => n.code.startsWith(m.code)) }));
};

/**
 * `<ck-complaint-form>`: a customer registers a complaint. Business and reason pickers from the
 * JR/T 0169-2018 taxonomy, the description with a counter, contact details, images with size and
 * type limits, priority-group declaration, a draft saved on the device as the customer types,
 * inline validation, and sending through the offline outbox: the entry's idempotency key is made
 * when the entry starts, so a double tap or a resubmit after a reload registers one complaint.
 * Ends with the complaint number and the answer deadline. Form-associated (ElementInternals).
 *
 * Events: `ck-ready`, `ck-change {valid}`, `ck-submit {idempotencyKey}`,
 * `ck-submitted {complaintNumber, idempotencyKey, queued}`, `ck-error`.
 *
 * @csspart base - the form
 * @csspart submit - the submit button
 * @csspart field - each field's wrapper
 * @csspart confirmation - the confirmation card
 * @csspart pending - the list of complaints waiting on the device
 *
 * @example
 * ```html
 * <ck-complaint-form base-url="https://complaints.example-bank.cn" locale="zh-CN"></ck-complaint-form>
 * <script type="module">
 *   import '@complaintkit/widgets/auto';
 *   document.querySelector('ck-complaint-form').token = await app.getToken();
 * </script>
 * ```
 *
 * @customElement ck-complaint-form
 * @fires ck-ready - The form is rendered and usable.
 * @fires ck-change - A field changed; `detail.valid` says whether it could be sent.
 * @fires ck-submit - The customer sent it; `detail.idempotencyKey`, `detail.attachments`.
 * @fires ck-submitted - Queued on the device (`queued: true`) or registered (`complaintNumber`).
 * @fires ck-error - Something went wrong; `detail.message` is safe to show.
 */
export class ComplaintForm extends CkElement {
  /** Form-associated: the form's value is the registration as JSON, its validity the fields'. */
  static formAssociated = true;
  /** Focus goes to the first field. */
  static override shadowRootOptions = { ...CkElement.shadowRootOptions, delegatesFocus: true };
  /** Styles: the shared `--ck-*` tokens plus the form's own. */
  static override styles = [baseStyles, complaintFormStyles];
  /** Reactive properties of the element. */
  static override properties = {
    ...CkElement.properties,
    draftId: { type: String, attribute: 'draft-id' },
    intakeChannel: { type: String, attribute: 'intake-channel' },
    businessChannel: { type: String, attribute: 'business-channel' },
    regionCode: { type: String, attribute: 'region-code' },
    maxFiles: { type: Number, attribute: 'max-files' },
    maxFileSize: { type: Number, attribute: 'max-file-size' },
    accept: { type: String },
    noSuggest: { type: Boolean, attribute: 'no-suggest' },
    values: { state: true },
    suggestions: { state: true },
    suggestionsModule: { state: true },
    problems: { state: true },
    touched: { state: true },
    files: { state: true },
    fileProblems: { state: true },
    phase: { state: true },
    pending: { state: true },
    note: { state: true },
    alert: { state: true },
    result: { state: true },
  };

  /** Which draft on the device this form uses (two forms on a page need two ids). Default `default`. */
  declare draftId: string;
  /** How the complaint reached the bank. Default `mobile_app`. */
  declare intakeChannel: string;
  /** JR/T 0169-2018 dimension A: where the business was done. Default `A010303` (mobile app). */
  declare businessChannel: string;
  /** GB/T 2260 code of where the matter arose, if the app knows it (routes to that branch). */
  declare regionCode: string | undefined;
  /** Most images. Default 5. */
  declare maxFiles: number;
  /** Largest image in bytes. Default 5 MB. */
  declare maxFileSize: number;
  /** Image types allowed, comma-separated. Default `image/jpeg,image/png,image/webp`. */
  declare accept: string;
  /**
   * Turns off the suggested business category and cause offered from the description as it is
   * typed. Suggestions are chips the person taps: nothing is chosen for them; the registration
   * records what was shown beside the codes chosen. Staff also see sensitive-case flags with the
   * words behind them.
   */
  declare noSuggest: boolean;

  declare private values: DraftValues;
  declare private suggestions: ClassificationSuggestions | undefined;
  declare private suggestionsModule: SuggestionsModule | undefined;
  declare private problems: Record<string, FieldProblem>;
  declare private touched: ReadonlySet<string>;
  declare private files: readonly PickedFile[];
  declare private fileProblems: readonly string[];
  declare private phase: Phase;
  declare private pending: readonly Item[];
  declare private note: string;
  declare private alert: string;
  declare private result: { complaintNumber: string; decisionDueAt: string | null; queued: boolean } | undefined;

  private readonly internals: ElementInternals | undefined;
  private entryKey: string | undefined;
  private submitted = false;
  private offOutbox: (() => void) | undefined;
  private offKeyboard: (() => void) | undefined;
  private announcedQueued = false;
  private restoreTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly optionNodes = new Map<string, { key: string; nodes: DocumentFragment }>();
  private follower: import('../suggestions/suggestions.js').SuggestionFollower | undefined;
  /** The suggestions last shown, recorded with the registration beside the codes chosen. */
  private shown: SuggestionRecord | undefined;

  constructor() {
    super();
    this.draftId = 'default';
    this.intakeChannel = 'mobile_app';
    this.businessChannel = 'A010303';
    this.maxFiles = 5;
    this.maxFileSize = 5 * 1024 * 1024;
    this.accept = 'image/jpeg,image/png,image/webp';
    this.noSuggest = false;
    this.values = {};
    this.problems = {};
    this.touched = new Set();
    this.files = [];
    this.fileProblems = [];
    this.phase = 'editing';
    this.pending = [];
    this.note = '';
    this.alert = '';
    this.internals = typeof this.attachInternals === 'function' ? this.attachInternals() : undefined;
  }

  /** The shadow root, with its text fields limited in characters as the service counts them (`data-max-chars`). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    limitCharsIn(root);
    return root;
  }

  private get store() {
    return draftStore(this.draftId);
  }

  /** Restores the draft; follows the outbox when an entry is waiting on the device. */
  override connectedCallback(): void {
    super.connectedCallback();
    // The draft is read after the first render: the first touch of localStorage loads the origin's
    // storage synchronously (tens of ms on a throttled phone), and the empty form can be shown and
    // focused meanwhile. Typing before the draft arrives wins over the draft.
    this.restoreTimer = setTimeout(() => this.restoreDraft(), 0);
  }

  private restoreDraft(): void {
    const draft = this.store.load();
    if (!draft) return;
    if (Object.keys(this.values).length === 0 && this.phase === 'editing') {
      this.values = draft.values;
      this.entryKey = draft.key;
      this.submitted = draft.submitted;
      if (draft.savedAt) this.note = this.t('draftSaved', { time: formatDateTime(draft.savedAt, this.lang_) });
      if ((draft.values.description ?? '').trim()) this.followWords();
    }
    if (this.submitted) this.phase = 'sending';
    // Something is on the device from before: look for complaints still waiting.
    void this.followOutbox();
  }

  /** Stops following the outbox and the keyboard. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offOutbox?.();
    this.offOutbox = undefined;
    this.offKeyboard?.();
    clearTimeout(this.restoreTimer);
    this.follower?.dispose();
    this.follower = undefined;
  }

  /** Fires `ck-ready` once rendered; keeps scrolled fields above the soft keyboard. */
  protected override firstUpdated(): void {
    this.offKeyboard = followKeyboard(this.renderRoot as ShadowRoot);
    this.emit('ck-ready', { element: 'ck-complaint-form' });
  }

  /** Keeps the form value and validity in step with the fields. */
  protected override updated(changed: PropertyValues<this>): void {
    for (const id of ['businessCategory', 'cause'] as const) {
      const select = this.renderRoot.querySelector(`#${id}`) as HTMLSelectElement | null;
      if (select && select.value !== (this.values[id] ?? '')) select.value = this.values[id] ?? '';
    }
    if (changed.has('values' as keyof ComplaintForm) || changed.has('files' as keyof ComplaintForm)) this.syncInternals();
  }

  /** The registration the fields make now. */
  private payload(attachments: ComplaintCreateInput['attachments'] = []): ComplaintCreateInput {
    const v = this.values;
    const trim = (s: string | undefined) => (s ?? '').trim();
    // An optional text that shows nothing (a pasted U+200B) is left out, as the schema would refuse it.
    const shown = (s: string | undefined) => (hasVisibleText(trim(s)) ? trim(s) : '');
    return {
      intakeChannel: this.intakeChannel as ComplaintCreateInput['intakeChannel'],
      businessChannel: this.businessChannel as ComplaintCreateInput['businessChannel'],
      businessCategory: (v.businessCategory ?? '') as ComplaintCreateInput['businessCategory'],
      cause: (v.cause ?? '') as ComplaintCreateInput['cause'],
      description: trim(v.description),
      ...(shown(v.requestedResolution) ? { requestedResolution: shown(v.requestedResolution) } : {}),
      ...(this.regionCode ? { regionCode: this.regionCode } : {}),
      complainant: {
        name: trim(v.name),
        ...(trim(v.phone) ? { phone: trim(v.phone).replace(/\s/g, '') } : {}),
        priorityGroups: (v.priorityGroups ?? []).map((group) => ({ group: group as PriorityGroup, basis: 'self_reported' as const })),
      },
      attachments,
      ...(this.shown ? { suggestion: this.shown } : {}),
    };
  }

  private syncInternals(): void {
    const problems = validateComplaint(this.payload());
    const valid = Object.keys(problems).length === 0;
    if (this.internals) {
      this.internals.setFormValue(valid ? JSON.stringify(this.payload()) : null);
      const first = Object.keys(problems)[0];
      const anchor = first ? (this.renderRoot.querySelector(`#${first}`) as HTMLElement | null) : null;
      if (valid) this.internals.setValidity({});
      else if (first) this.internals.setValidity({ customError: true }, this.message(first, problems[first]), anchor ?? undefined);
    }
  }

  private message(field: string, p: FieldProblem | undefined): string {
    if (!p) return '';
    const label = this.t(field === 'businessCategory' ? 'business' : field === 'requestedResolution' ? 'resolution' : (field as 'name'));
    return this.t(p.key, { field: label.replace(/（选填）| \(optional\)/, ''), ...p.params });
  }

  private onField(field: keyof DraftValues, value: string | string[]): void {
    if (this.phase !== 'editing') return;
    this.values = { ...this.values, [field]: value };
    if (this.touched.has(field)) this.problems = validateComplaint(this.payload());
    this.startEntry();
    if (field === 'description' || field === 'requestedResolution') this.followWords();
    this.saveDraft(); // at once: a WebView may be killed any moment
    this.emit('ck-change', { valid: Object.keys(validateComplaint(this.payload())).length === 0 });
  }

  /**
   * The fields' events, handled once on the form (three listeners instead of two per field: fewer
   * to add in the first render): typing in a text field, a picker, checkbox or file chosen, and
   * leaving a field.
   */
  private readonly onInput = (e: Event): void => {
    const el = e.target as HTMLInputElement;
    if ((TEXT_FIELDS as readonly string[]).includes(el.id)) this.onField(el.id as (typeof TEXT_FIELDS)[number], el.value);
  };

  private readonly onChange = (e: Event): void => {
    const el = e.target as HTMLInputElement;
    if (el.id === 'businessCategory' || el.id === 'cause') this.onField(el.id, el.value);
    else if (el.id === 'files') {
      this.addFiles([...(el.files ?? [])]);
      el.value = '';
    } else if (el.name === 'priorityGroups') {
      const now = new Set(this.values.priorityGroups ?? []);
      if (el.checked) now.add(el.value);
      else now.delete(el.value);
      this.onField('priorityGroups', [...now]);
    }
  };

  private readonly onFocusOut = (e: FocusEvent): void => {
    const id = (e.target as HTMLElement).id;
    if (id === 'businessCategory' || id === 'cause' || (TEXT_FIELDS as readonly string[]).includes(id)) this.onBlur(id, e);
  };

  private onBlur(field: string, e?: FocusEvent): void {
    // Leaving the field for the submit button: the submit validates; showing the error now would
    // shift the button away from under the pointer and swallow the click.
    if ((e?.relatedTarget as HTMLElement | null)?.getAttribute('type') === 'submit') return;
    this.touched = new Set([...this.touched, field]);
    this.problems = validateComplaint(this.payload());
  }

  /** The entry starts: make its idempotency key once, and fetch the sending code meanwhile. */
  private startEntry(): void {
    if (this.entryKey) return;
    void loadOutbox().then((m) => {
      if (this.entryKey || this.submitted) return;
      this.entryKey = m.newEntryKey(this.page(m));
      this.saveDraft();
    });
  }

  /** Asks for suggestions as the words change (debounced in the lazily loaded panel code). */
  private followWords(): void {
    if (this.noSuggest) return;
    const description = this.values.description ?? '';
    if (!this.follower && description.trim().length < 6) return; // too little to suggest from (MIN_SUGGEST_CHARS): load nothing yet
    void loadSuggestions().then((m) => {
      if (!this.suggestionsModule) {
        m.adoptPanelStyles(this.renderRoot as ShadowRoot);
        this.suggestionsModule = m;
      }
      this.follower ??= m.followSuggestions(
        () => this.client(),
        (s) => {
          this.suggestions = s;
          if (s) this.shown = m.shownRecord(s);
        },
      );
      const resolution = (this.values.requestedResolution ?? '').trim();
      this.follower.update({ description: (this.values.description ?? '').trim(), ...(resolution ? { requestedResolution: resolution } : {}) });
    });
  }

  private saveDraft(): void {
    const savedAt = Date.now();
    const draft: Draft = { key: this.entryKey, values: this.values, savedAt, submitted: this.submitted };
    this.store.save(draft);
    if (!this.submitted) this.note = this.t('draftSaved', { time: formatDateTime(savedAt, this.lang_).slice(-5) });
  }

  private async pickFiles(): Promise<void> {
    const bridge = getConfig().bridge;
    const accept = this.accept.split(',').map((s) => s.trim());
    if (bridge?.pickFiles) {
      try {
        this.addFiles(await bridge.pickFiles({ accept, multiple: this.maxFiles > 1 }));
      } catch (e) {
        this.alert = this.fail(e);
      }
      return;
    }
    (this.renderRoot.querySelector('#files') as HTMLInputElement | null)?.click();
  }

  private addFiles(picked: readonly PickedFile[]): void {
    const accept = this.accept.split(',').map((s) => s.trim());
    const { kept, rejected } = checkFiles(this.files, picked, { maxFiles: this.maxFiles, maxBytes: this.maxFileSize, accept });
    this.files = kept;
    const size = formatBytes(this.maxFileSize);
    this.fileProblems = rejected.map((r) =>
      r.why === 'type' ? this.t('badFileType', { name: r.name }) : r.why === 'size' ? this.t('fileTooBig', { name: r.name, size }) : this.t('tooManyFiles', { max: this.maxFiles }),
    );
    this.startEntry();
  }

  /** Sends the entry: one complaint however many times it is tapped. */
  private async onSubmit(ev: Event): Promise<void> {
    ev.preventDefault();
    if (this.phase !== 'editing') return; // a second tap while the first is sending
    const problems = validateComplaint(this.payload());
    this.touched = new Set(Object.keys({ ...problems, ...this.values, businessCategory: 1, cause: 1, description: 1, name: 1 }));
    this.problems = problems;
    const bad = Object.keys(problems);
    if (bad.length > 0) {
      this.alert = this.t('fixErrors', { n: bad.length });
      await this.updateComplete;
      (this.renderRoot.querySelector(`#${bad[0]}`) as HTMLElement | null)?.focus();
      return;
    }
    this.phase = 'sending';
    this.alert = '';
    try {
      const m = await loadOutbox();
      const page = this.page(m);
      this.entryKey ??= m.newEntryKey(page);
      const key = this.entryKey;
      const files = this.files.filter((f): f is File => f instanceof File);
      this.emit('ck-submit', { idempotencyKey: key, attachments: files });
      const input = this.payload(await describeFiles(this.files));
      await m.enqueueOnce(page, 'complaint', key, input);
      this.submitted = true;
      this.saveDraft();
      void this.followOutbox();
    } catch (e) {
      this.phase = 'editing';
      const fields = (e as { fields?: { path: string; message: string }[] }).fields;
      if (Array.isArray(fields)) {
        // The shared schema (loaded with the outbox) had the last word: show its verdict inline.
        this.problems = problemsFromFields(fields);
        this.alert = this.t('fixErrors', { n: fields.length });
      } else this.alert = this.fail(e);
    }
  }

  private page(m: OutboxModule) {
    const baseUrl = baseUrlOf({ baseUrl: this.baseUrl });
    return m.pageOutbox(baseUrl, () => this.client());
  }

  /** Shows what waits on the device, and finishes when this entry is sent or refused. */
  private async followOutbox(): Promise<void> {
    if (this.offOutbox) return;
    const m = await loadOutbox();
    const page = this.page(m);
    this.offOutbox = page.outbox.subscribe(({ items, state }) => {
      this.pending = items.filter((i) => i.kind === 'complaint' && (i.state === 'queued' || i.state === 'sending' || i.id === this.entryKey));
      const mine = this.entryKey ? items.find((i) => i.id === this.entryKey) : undefined;
      if (!this.submitted || !mine) return;
      if (mine.state === 'sent' && mine.result) void this.finish(mine.result.complaintId, mine.id);
      else if (mine.state === 'failed') void this.refused(mine, m);
      else if (!this.announcedQueued && !state.online) {
        this.announcedQueued = true;
        this.emit('ck-submitted', { complaintNumber: null, idempotencyKey: mine.id, queued: true });
      }
    });
    void page.outbox.flush();
  }

  private async finish(complaintNumber: string, key: string): Promise<void> {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.submitted = false;
    this.entryKey = undefined;
    this.store.clear();
    this.values = {};
    this.files = [];
    this.touched = new Set();
    this.suggestions = undefined;
    this.shown = undefined;
    this.result = { complaintNumber, decisionDueAt: null, queued: false };
    let decisionDueAt: string | null = null;
    try {
      const c = await (await this.client()).complaints.get(complaintNumber);
      decisionDueAt = c.deadlines.decisionDueAt;
      this.result = { complaintNumber, decisionDueAt, queued: false };
    } catch {
      // The number is what matters; the deadline shows on the status page.
    }
    this.emit('ck-submitted', { complaintNumber, idempotencyKey: key, queued: false, decisionDueAt });
    await this.updateComplete;
    (this.renderRoot.querySelector('[part=confirmation] h2') as HTMLElement | null)?.focus();
  }

  private async refused(item: Item, m: OutboxModule): Promise<void> {
    // The service refused this request for good: keep the fields; a corrected entry gets a new key.
    this.submitted = false;
    this.entryKey = undefined;
    this.phase = 'editing';
    this.alert = this.t('failed', { message: item.failure?.message ?? '' });
    this.emit('ck-error', { code: item.failure?.code ?? 'refused', message: this.alert });
    this.saveDraft();
    await this.page(m).outbox.remove(item.id).catch(() => undefined);
  }

  private restart(): void {
    this.result = undefined;
    this.phase = 'editing';
    this.note = '';
    this.announcedQueued = false;
  }

  private stateText(i: Item): string {
    if (i.state === 'sent') return this.t('sentAt', { time: formatDateTime(i.sentAt ?? i.updatedAt, this.lang_) });
    if (i.state === 'failed') return this.t('failed', { message: i.failure?.message ?? '' });
    if (i.state === 'sending') return this.t('sending');
    return navigator.onLine === false ? this.t('queuedOffline') : this.t('queuedWaiting');
  }

  private renderPending(): TemplateResult | typeof nothing {
    if (this.pending.length === 0) return nothing;
    return html`<section part="pending" class="notice" aria-labelledby="pending-title">
      <h3 id="pending-title">${this.t('pendingTitle')}</h3>
      <ul>
        ${this.pending.map(
          (i) => html`<li class="pending-item" data-state=${i.state}>
            <span class="pending-text">${i.kind === 'complaint' ? i.payload.description.slice(0, 40) : ''}</span>
            <span class="muted" role="status">${this.stateText(i)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /** `aria-invalid` of a field: only once it was left (or the form sent) with a problem. */
  private invalid(id: string): 'true' | 'false' {
    return this.touched.has(id) && this.problems[id] ? 'true' : 'false';
  }

  /** The inline message under a field (empty until it was left, or the form sent, with a problem). */
  private errorOf(id: string): string {
    return this.message(id, this.touched.has(id) ? this.problems[id] : undefined);
  }

  /** A suggested B or C code's label from the lists the pickers already hold (the panel ships none). */
  private codeLabel(code: string): string {
    const n = (code.startsWith('B') ? BUSINESS_CATEGORIES : COMPLAINT_CAUSES).find((x) => x.code === code);
    return n ? (this.domainLang === 'en' ? n.en : n.zh) : code;
  }

  /**
   * The picker's options as DOM cloned from a list built once per taxonomy and language (one
   * `cloneNode` instead of a template per option: most of the form's first render). The same
   * fragment is handed back until the language changes, so later renders leave the options alone.
   */
  private optionsOf(id: 'businessCategory' | 'cause', nodes: readonly TaxonomyNode[]): DocumentFragment {
    const key = `${this.domainLang} ${this.t('choose')}`;
    const mine = this.optionNodes.get(id);
    if (mine?.key === key) return mine.nodes;
    const nodesNow = optionList(nodes, this.domainLang, this.t('choose'));
    this.optionNodes.set(id, { key, nodes: nodesNow });
    return nodesNow;
  }

  private renderConfirmation(): TemplateResult {
    const r = this.result;
    return html`<section part="base confirmation" class="confirmation" role="status">
      <h2 tabindex="-1">${this.t('confirmTitle')}</h2>
      <p>${this.t('complaintNumber')}：<strong class="number">${r?.complaintNumber ?? ''}</strong></p>
      ${r?.decisionDueAt
        ? html`<p class="deadline">${this.t('deadline', { date: formatDateTime(r.decisionDueAt, this.lang_, true) })}</p>
            <p class="help">${this.t('deadlineHelp')}</p>`
        : nothing}
      <button type="button" @click=${this.restart}>${this.t('newComplaint')}</button>
    </section>`;
  }

  /**
   * Renders the fields, or the confirmation once the service has the complaint. The fields are one
   * template, written out field by field, not a template per field, label and control: the first
   * render is most of the time from the script starting to the form being usable on a phone, and
   * each nested template costs a preparation, a clone and a walk (bench/results/widgets.md, "Widgets: time
   * to interactive").
   */
  protected override render(): TemplateResult {
    if (this.phase === 'done') return this.renderConfirmation();
    const v = this.values;
    const sending = this.phase === 'sending';
    // The six checkboxes are written out in the template (no template instance per checkbox): a
    // priority group added to the domain needs its checkbox added there (its label is type-checked).
    const groupLabel: Readonly<Record<PriorityGroup, string>> = priorityGroupLabels(this.domainLang);
    const chosen = new Set(v.priorityGroups ?? []);
    // Characters as the service counts them (code points): an emoji or 𠀀 is one, not two UTF-16 units.
    const count = codePointLength(v.description ?? '');
    return html`<form part="base" novalidate @submit=${this.onSubmit} @input=${this.onInput} @change=${this.onChange} @focusout=${this.onFocusOut}
      aria-busy=${sending ? 'true' : 'false'}>
      <h2>${this.t('formTitle')}</h2>
      ${this.renderPending()}
      <fieldset ?disabled=${sending}>
        <div class="field" part="field">
          <label for="businessCategory">${this.t('business')}</label>
          <select id="businessCategory" required aria-invalid=${this.invalid('businessCategory')} aria-describedby="businessCategory-help businessCategory-error">${this.optionsOf('businessCategory', BUSINESS_CATEGORIES)}</select>
          <span class="help" id="businessCategory-help">${this.t('businessHelp')}</span>
          <span class="error" id="businessCategory-error">${this.errorOf('businessCategory')}</span>
        </div>
        <div class="field" part="field">
          <label for="cause">${this.t('cause')}</label>
          <select id="cause" required aria-invalid=${this.invalid('cause')} aria-describedby="cause-error">${this.optionsOf('cause', COMPLAINT_CAUSES)}</select>
          <span class="error" id="cause-error">${this.errorOf('cause')}</span>
        </div>
        <div class="field" part="field">
          <label for="description">${this.t('description')}</label>
          <textarea id="description" rows="5" data-max-chars=${MAX.description} required aria-invalid=${this.invalid('description')}
            aria-describedby="description-help description-error description-count" .value=${v.description ?? ''}></textarea>
          <span class="help" id="description-help">${this.t('descriptionHelp')}</span>
          <span class="counter" id="description-count" aria-live="polite">${this.t('counter', { n: count, max: MAX.description })}</span>
          <span class="error" id="description-error">${this.errorOf('description')}</span>
        </div>
        ${this.suggestions && this.suggestionsModule
          ? this.suggestionsModule.renderSuggestions(this.suggestions, {
              lang: this.domainLang,
              label: (code) => this.codeLabel(code),
              chosen: v,
              choose: (field, code) => this.onField(field, code),
              disabled: sending,
            })
          : nothing}
        <div class="field" part="field">
          <label for="requestedResolution">${this.t('resolution')}</label>
          <input id="requestedResolution" data-max-chars=${MAX.requestedResolution} aria-invalid=${this.invalid('requestedResolution')}
            aria-describedby="requestedResolution-error" .value=${v.requestedResolution ?? ''} autocomplete="off" inputmode="text" type="text" />
          <span class="error" id="requestedResolution-error">${this.errorOf('requestedResolution')}</span>
        </div>
        <fieldset class="group">
          <legend>${this.t('contact')}</legend>
          <div class="field" part="field">
            <label for="name">${this.t('name')}</label>
            <input id="name" data-max-chars=${MAX.name} required aria-invalid=${this.invalid('name')} aria-describedby="name-error"
              .value=${v.name ?? ''} autocomplete="name" inputmode="text" type="text" />
            <span class="error" id="name-error">${this.errorOf('name')}</span>
          </div>
          <div class="field" part="field">
            <label for="phone">${this.t('phone')}</label>
            <input id="phone" maxlength="20" aria-invalid=${this.invalid('phone')} aria-describedby="phone-help phone-error"
              .value=${v.phone ?? ''} autocomplete="tel" inputmode="tel" type="tel" />
            <span class="help" id="phone-help">${this.t('phoneHelp')}</span>
            <span class="error" id="phone-error">${this.errorOf('phone')}</span>
          </div>
        </fieldset>
        <fieldset class="group" aria-describedby="files-help files-error">
          <legend>${this.t('attachments')}</legend>
          <span class="help" id="files-help">${this.t('attachmentsHelp', { max: this.maxFiles, size: formatBytes(this.maxFileSize) })}</span>
          <ul class="files">
            ${this.files.map(
              (f, i) => html`<li>
                <span class="file-name">${f.name}</span><span class="muted">${formatBytes(f.size)}</span>
                <button type="button" class="link" aria-label=${this.t('removeFile', { name: f.name })}
                  @click=${() => (this.files = this.files.filter((_, j) => j !== i))}>×</button>
              </li>`,
            )}
          </ul>
          <input id="files" class="sr-only" type="file" tabindex="-1" aria-hidden="true" accept=${this.accept} ?multiple=${this.maxFiles > 1} />
          <div class="row">
            <button type="button" part="add-image" ?disabled=${this.files.length >= this.maxFiles} @click=${this.pickFiles}>${this.t('addImage')}</button>
          </div>
          <span class="error" id="files-error" role="alert">${this.fileProblems.join('；')}</span>
        </fieldset>
        <fieldset class="group" aria-describedby="priority-help">
          <legend>${this.t('priority')}</legend>
          <span class="help" id="priority-help">${this.t('priorityHelp')}</span>
          <label class="check"><input type="checkbox" name="priorityGroups" value="frontline_medical" .checked=${chosen.has('frontline_medical')} />${groupLabel.frontline_medical}</label>
          <label class="check"><input type="checkbox" name="priorityGroups" value="police" .checked=${chosen.has('police')} />${groupLabel.police}</label>
          <label class="check"><input type="checkbox" name="priorityGroups" value="military_family" .checked=${chosen.has('military_family')} />${groupLabel.military_family}</label>
          <label class="check"><input type="checkbox" name="priorityGroups" value="emergency_worker" .checked=${chosen.has('emergency_worker')} />${groupLabel.emergency_worker}</label>
          <label class="check"><input type="checkbox" name="priorityGroups" value="elderly" .checked=${chosen.has('elderly')} />${groupLabel.elderly}</label>
          <label class="check"><input type="checkbox" name="priorityGroups" value="disabled" .checked=${chosen.has('disabled')} />${groupLabel.disabled}</label>
        </fieldset>
      </fieldset>
      <p class="error summary" role="alert">${this.alert}</p>
      <button type="submit" part="submit" class="primary" ?disabled=${sending} aria-disabled=${sending ? 'true' : 'false'}>
        ${sending ? this.t('sending') : this.t('submit')}
      </button>
      <p class="help" role="status">${sending && this.pending.length === 0 ? this.t('sending') : this.note}</p>
    </form>`;
  }
}

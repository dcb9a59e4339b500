import type { ComplaintClient, TokenProvider } from '@complaintkit/core';
import { type CSSResultGroup, LitElement, type PropertyValues } from 'lit';
import { domainLocale, resolveLocale, translate, whenLanguageReady } from '../i18n/localize.js';
import type { MessageKey } from '../i18n/zh-cn.js';
import { onConfigure } from './config.js';
import { clientFor } from './connection.js';
import { describeError } from './errors.js';
import { type CkEventMap, emit } from './events.js';

/**
 * The base of every `<ck-*>` element: the service address, token and language it works with
 * (attributes and properties, else `configure()`), translation, and the `ck-*` events.
 *
 * @example
 * ```ts
 * class MyWidget extends CkElement {
 *   protected override render() { return html`<p>${this.t('loading')}</p>`; }
 * }
 * ```
 */
export class CkElement extends LitElement {
  /** Styles of the element; each widget sets its own (none here). */
  static override styles: CSSResultGroup = [];

  /** Reactive properties every element shares. */
  static override properties = {
    locale: { type: String },
    baseUrl: { type: String, attribute: 'base-url' },
    token: { attribute: false },
  };

  /** `zh-CN` (default) or `en`; else the nearest `lang`, else `configure({ locale })`. */
  declare locale: string | undefined;
  /** The complaint service; else `configure({ baseUrl })`, else the page's origin. */
  declare baseUrl: string | undefined;
  /** A bearer token or a provider (a property, never an attribute, so it stays out of the DOM). */
  declare token: string | TokenProvider | undefined;

  private offConfigure: (() => void) | undefined;

  /** Starts following `configure()`. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.offConfigure = onConfigure(() => this.requestUpdate());
  }

  /** Stops following `configure()`. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offConfigure?.();
  }

  /**
   * Renders once the element's language is loaded: English is a chunk fetched the first time an
   * element speaks it, so a zh-CN page never parses it (and renders synchronously, as before).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: the signature of Lit's ReactiveElement.scheduleUpdate
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = whenLanguageReady(this.lang_);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The language resolved once per update (each `t()` of a render would otherwise walk up the DOM). */
  private renderingLang: string | undefined;

  /** Resolves the language once for the whole render. */
  protected override update(changed: PropertyValues): void {
    this.renderingLang = resolveLocale(this.locale, this);
    try {
      super.update(changed);
    } finally {
      this.renderingLang = undefined;
    }
  }

  /** The language in use. */
  protected get lang_(): string {
    return this.renderingLang ?? resolveLocale(this.locale, this);
  }

  /** The language for the domain's labels (taxonomy, states). */
  protected get domainLang(): 'zh-CN' | 'en' {
    return domainLocale(this.lang_);
  }

  /** A translated message. */
  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.lang_, key, params);
  }

  /** The client for this element's connection (its code loads on first use). */
  protected client(): Promise<ComplaintClient> {
    return clientFor({ baseUrl: this.baseUrl, token: this.token });
  }

  /** Fires a `ck-*` event (bubbling, composed). */
  protected emit<K extends keyof CkEventMap>(name: K, detail: CkEventMap[K]): void {
    emit(this, name, detail);
  }

  /** Fires `ck-error` and returns the text to show. */
  protected fail(error: unknown): string {
    const d = describeError(error);
    const message = d.message ?? this.t(d.key ?? 'networkError');
    this.emit('ck-error', { code: d.code, message, error });
    return message;
  }
}

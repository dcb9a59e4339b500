/**
 * A file as a WebView host hands it back from its native picker.
 *
 * @example
 * ```ts
 * const f: PickedFile = new File([bytes], 'receipt.jpg', { type: 'image/jpeg' });
 * ```
 */
export type PickedFile = File | Blob & { name: string };

/**
 * Native hooks a WebView host app gives the widgets. An Android WebView ignores
 * `<input type=file>` unless the app implements `WebChromeClient.onShowFileChooser`; give
 * `pickFiles` instead and the form calls it rather than opening the browser's picker. `postEvent`
 * receives every `ck-*` event (as JSON-safe data) for apps that listen natively.
 *
 * @example
 * ```ts
 * configure({
 *   bridge: {
 *     pickFiles: ({ accept, multiple }) => window.NativeBank.pickImages(accept.join(','), multiple),
 *     postEvent: (name, detail) => window.webkit?.messageHandlers.complaintkit.postMessage({ name, detail }),
 *   },
 * });
 * ```
 */
export interface HostBridge {
  /** Opens the native picker; must always settle (an empty array when the user cancels). */
  pickFiles?(options: { accept: readonly string[]; multiple: boolean }): Promise<readonly PickedFile[]>;
  /** Called with every `ck-*` event the elements fire. */
  postEvent?(name: string, detail: unknown): void;
}

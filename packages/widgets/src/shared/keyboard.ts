/**
 * Keeps the focused field of a shadow root in view when a phone's soft keyboard opens or the visual
 * viewport shrinks (`visualViewport` resize), and sets `--ck-keyboard-inset` on the host to the
 * keyboard's height for hosts that pin a bar above it. Returns the stop function.
 *
 * @example
 * ```ts
 * const stop = followKeyboard(this.shadowRoot!);
 * ```
 */
export function followKeyboard(root: ShadowRoot): () => void {
  const vv = globalThis.visualViewport;
  if (!vv) return () => undefined;
  const host = root.host as HTMLElement;
  const onResize = () => {
    const inset = Math.max(0, globalThis.innerHeight - vv.height - vv.offsetTop);
    host.style.setProperty('--ck-keyboard-inset', `${Math.round(inset)}px`);
    const focused = root.activeElement as HTMLElement | null;
    if (focused && inset > 0) focused.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  vv.addEventListener('resize', onResize);
  return () => vv.removeEventListener('resize', onResize);
}

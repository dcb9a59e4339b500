import { codePointLength } from '@complaintkit/core/domain';

/**
 * @internal the value of each text field as it was after its last accepted edit (or when it took the
 * focus): what an edit is compared against to find the text it inserted.
 */
const before = new WeakMap<HTMLInputElement | HTMLTextAreaElement, string>();

/** @internal a text field carrying a `data-max-chars` limit. */
const limited = (t: EventTarget | null): t is HTMLInputElement | HTMLTextAreaElement =>
  (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && t.dataset.maxChars !== undefined;

/** @internal the first `n` code points of `s`, never half of a surrogate pair. */
function firstCodePoints(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i += (s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  return s.slice(0, i);
}

/** @internal whether index `i` of `s` falls between the two halves of a surrogate pair. */
const splitsPair = (s: string, i: number): boolean => i > 0 && i < s.length && (s.charCodeAt(i) & 0xfc00) === 0xdc00 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;

/**
 * @internal cuts what the last edit inserted so the field holds at most its limit in code points (as
 * `maxlength` does in UTF-16 units): typing past the limit adds nothing, a paste keeps its first part.
 */
function clip(el: HTMLInputElement | HTMLTextAreaElement): void {
  const value = el.value;
  const max = Number(el.dataset.maxChars);
  const was = before.get(el) ?? '';
  if (codePointLength(value) > max) {
    // The inserted text: what lies between the longest common start and end of the old and new values.
    let head = 0;
    while (head < was.length && head < value.length && was.charCodeAt(head) === value.charCodeAt(head)) head++;
    if (splitsPair(value, head)) head--;
    let tail = 0;
    while (tail < was.length - head && tail < value.length - head && was.charCodeAt(was.length - 1 - tail) === value.charCodeAt(value.length - 1 - tail)) tail++;
    if (splitsPair(value, value.length - tail)) tail--;
    const kept = value.slice(0, head) + value.slice(value.length - tail);
    const inserted = firstCodePoints(value.slice(head, value.length - tail), Math.max(0, max - codePointLength(kept)));
    el.value = value.slice(0, head) + inserted + value.slice(value.length - tail);
    el.setSelectionRange(head + inserted.length, head + inserted.length);
  }
  before.set(el, el.value);
}

/**
 * Limits every `<input>` and `<textarea>` under `root` that carries `data-max-chars="N"` to N
 * characters counted as the service counts them (code points, core's `codePointLength`), where HTML's
 * `maxlength` counts UTF-16 units and so stopped an emoji or 𠀀 text at half the service's limit. It
 * listens in the capture phase, so the widget's own `input` handlers read the clipped value; an
 * input method's composition is clipped once it ends.
 *
 * @example
 * ```ts
 * limitCharsIn(this.renderRoot); // then: <textarea data-max-chars="2000"></textarea>
 * ```
 */
export function limitCharsIn(root: Node): void {
  root.addEventListener('focusin', (e) => limited(e.target) && before.set(e.target, e.target.value), true);
  root.addEventListener('input', (e) => limited(e.target) && !(e as InputEvent).isComposing && clip(e.target), true);
  root.addEventListener(
    'compositionend',
    (e) => {
      const el = e.target;
      if (!limited(el)) return;
      const value = el.value;
      clip(el);
      // The composition's last input event went out unclipped: tell the widget what the field now holds.
      if (el.value !== value) el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    },
    true,
  );
}

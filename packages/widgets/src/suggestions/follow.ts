import type { ComplaintClient } from '@complaintkit/core';
import type { ClassificationSuggestions, SuggestClassificationInput, SuggestionRecord } from '@complaintkit/core/domain';

/** Fewer characters than this say too little to suggest from. */
export const MIN_SUGGEST_CHARS = 6;

/**
 * Follows what a person types and asks the service for suggestions, debounced, dropping stale calls.
 *
 * @example
 * ```ts
 * const f = followSuggestions(() => client(), (s) => (shown = s));
 * f.update({ description: '信用卡年费未经告知被扣收' });
 * ```
 */
export interface SuggestionFollower {
  /** The words changed: ask again after the pause (or clear, when too short). */
  update(input: SuggestClassificationInput): void;
  /** Stops: a pending or running call is dropped. */
  dispose(): void;
}

/**
 * Calls `client.classification.suggest` `delayMs` after the last change, aborting the call before.
 * A failed call (offline, signed out) gives no suggestions and no error: suggestions are a help,
 * never in the way of registering.
 *
 * @example
 * ```ts
 * const f = followSuggestions(() => clientFor({}), (s) => render(s), 300);
 * ```
 */
export function followSuggestions(
  client: () => Promise<ComplaintClient>,
  onResult: (s: ClassificationSuggestions | undefined) => void,
  delayMs = 300,
): SuggestionFollower {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: AbortController | undefined;
  let last = '';
  const stop = () => {
    clearTimeout(timer);
    running?.abort();
    running = undefined;
  };
  return {
    update(input) {
      const key = `${input.description.trim()}\u0000${input.requestedResolution?.trim() ?? ''}`;
      if (key === last) return;
      last = key;
      stop();
      if (input.description.trim().length < MIN_SUGGEST_CHARS) {
        onResult(undefined);
        return;
      }
      timer = setTimeout(async () => {
        const mine = new AbortController();
        running = mine;
        try {
          const s = await (await client()).classification.suggest(input, { signal: mine.signal });
          if (running === mine) onResult(s);
        } catch {
          // Aborted, offline or refused: nothing to suggest now.
        }
      }, delayMs);
    },
    dispose: stop,
  };
}

/**
 * What was shown, as the registration records it beside the codes chosen (at most three each).
 *
 * @example
 * ```ts
 * const suggestion = shownRecord(s); // { model, businessCategory: ['B0302', …], cause: ['C11', …] }
 * ```
 */
export const shownRecord = (s: ClassificationSuggestions): SuggestionRecord => ({
  model: s.model,
  businessCategory: s.businessCategory.slice(0, 3).map((x) => x.code),
  cause: s.cause.slice(0, 3).map((x) => x.code),
});

import type { RequestOptions } from '../core/options.js';
import { ENDPOINTS } from '../domain/contract/endpoints.js';
import type { ClassificationSuggestions, SuggestClassificationInput } from '../domain/schemas/suggestion.js';
import type { ClientContext } from '../internal/context.js';
import { callJson } from '../internal/request.js';

/**
 * Classification help: suggested business categories and causes, and sensitive-case flags, from the
 * words of a complaint being registered. Suggestions are never applied: show them, let the person
 * choose, and send what was shown as `suggestion` when registering.
 *
 * @example
 * ```ts
 * const s = await client.classification.suggest({ description: '信用卡年费未经告知被扣收' });
 * const shown = { model: s.model, businessCategory: s.businessCategory.map((x) => x.code), cause: s.cause.map((x) => x.code) };
 * await client.complaints.create({ ...form, businessCategory: chosenB, cause: chosenC, suggestion: shown });
 * ```
 */
export interface ClassificationResource {
  /**
   * `POST /v1/classification/suggestions`: fast and stateless, so it can follow typing (debounce
   * ~300 ms and pass an `AbortSignal` to drop stale calls).
   *
   * @example
   * ```ts
   * const { businessCategory, cause, flags } = await client.classification.suggest({ description }, { signal });
   * ```
   */
  suggest(body: SuggestClassificationInput, options?: RequestOptions): Promise<ClassificationSuggestions>;
}

/** @internal */
export function classificationResource(ctx: ClientContext): ClassificationResource {
  return {
    suggest: (body, options) => callJson(ctx, ENDPOINTS.suggestClassification, { body }, options),
  };
}

import type { ClassificationSuggestions, SensitiveFlag as WireFlag } from '@complaintkit/core/domain';
import { compileLexicon } from '../flags/match.js';
import type { Lexicon } from '../flags/lexicon.js';
import { compileModel } from '../model/classifier.js';
import type { SuggestModel } from '../model/format.js';
import { complaintText } from '../model/train.js';

/**
 * The words of a complaint to suggest for.
 *
 * @example
 * ```ts
 * const input: SuggestInput = { description: '信用卡年费未经告知被扣收', requestedResolution: '要求退还' };
 * ```
 */
export interface SuggestInput {
  readonly description: string;
  readonly requestedResolution?: string | undefined;
}

/**
 * A loaded model and lexicon: what the service answers `POST /v1/classification/suggestions` with.
 *
 * @example
 * ```ts
 * const s = createSuggester(model, DEFAULT_LEXICON).suggest({ description: '催收电话打到单位' });
 * s.cause[0]?.code; // 'C12'
 * ```
 */
export interface Suggester {
  /** The model's id, recorded beside each suggestion. */
  readonly modelId: string;
  /** The lexicon's version. */
  readonly lexiconVersion: string;
  /** Top-3 codes per field with scores and evidence, and (unless `flags: false`) the sensitive-case flags. */
  suggest(input: SuggestInput, options?: { readonly flags?: boolean }): ClassificationSuggestions;
  /** Only the sensitive-case flags, per field, with offsets into that field. */
  flags(input: SuggestInput): WireFlag[];
}

/**
 * Builds a {@link Suggester} from a parsed model and a validated lexicon. It does not check the
 * model's taxonomy: `loadSuggester` does, before anything is served.
 *
 * @example
 * ```ts
 * const suggester = createSuggester(parseModel(text), DEFAULT_LEXICON);
 * ```
 */
export function createSuggester(model: SuggestModel, lexicon: Lexicon): Suggester {
  const classifier = compileModel(model);
  const flagger = compileLexicon(lexicon);
  const flags = (input: SuggestInput): WireFlag[] => {
    const byKind = new Map<string, WireFlag['evidence'][number][]>();
    const fields = [['description', input.description] as const, ['requestedResolution', input.requestedResolution ?? ''] as const];
    for (const [field, text] of fields) {
      for (const f of flagger.flag(text)) {
        const list = byKind.get(f.kind) ?? [];
        list.push(...f.evidence.map((e) => ({ field, ...e })));
        byKind.set(f.kind, list);
      }
    }
    // Kinds in the lexicon's order.
    return flagger.kinds.filter((k) => byKind.has(k)).map((kind) => ({ kind, evidence: byKind.get(kind) ?? [] }));
  };
  return {
    modelId: model.id,
    lexiconVersion: lexicon.version,
    flags,
    suggest: (input, options) => {
      const s = classifier.suggestAll(complaintText(input), 3);
      const found = options?.flags === false ? [] : flags(input);
      return {
        model: model.id,
        lexicon: lexicon.version,
        businessCategory: s.businessCategory as ClassificationSuggestions['businessCategory'],
        cause: s.cause as ClassificationSuggestions['cause'],
        flags: found,
        escalationSuggested: found.length > 0,
      };
    },
  };
}

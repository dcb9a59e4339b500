import { normaliseForModel } from './features.js';
import type { SuggestField, SuggestModel } from './format.js';

/**
 * One suggested code: its probability under the model and the n-grams of the text that weighed most
 * for it against the runner-up (the explanation a person sees).
 *
 * @example
 * ```ts
 * const s: CodeSuggestion = { code: 'B0302', score: 0.97, evidence: ['信用卡', '年费'] };
 * ```
 */
export interface CodeSuggestion {
  readonly code: string;
  /** Posterior probability, 0–1, rounded to 3 decimals. */
  readonly score: number;
  /** Up to three n-grams of the (normalised) text that favour this code most. */
  readonly evidence: readonly string[];
}

/**
 * A model ready to answer: its statistics turned into log-likelihood tables once, at load.
 *
 * @example
 * ```ts
 * const classifier = compileModel(parseModel(text));
 * classifier.suggest('信用卡年费被扣', 'businessCategory')[0]?.code; // 'B0302'
 * ```
 */
export interface Classifier {
  readonly model: SuggestModel;
  /** The `k` most probable codes for the text, best first (fewer when the model knows fewer). */
  suggest(text: string, field: SuggestField, k?: number): CodeSuggestion[];
  /** Both fields at once, sharing one pass over the text. */
  suggestAll(text: string, k?: number): { readonly [F in SuggestField]: CodeSuggestion[] };
}

/** @internal one field's tables. */
interface FieldTable {
  readonly classes: readonly string[];
  readonly logPrior: Float64Array;
  /** vocabulary × classes, row-major. */
  readonly logLikelihood: Float64Array;
}

/** @internal */
function tableOf(model: SuggestModel, field: SuggestField): FieldTable {
  const stats = model.fields[field];
  const k = stats.classes.length;
  const v = model.vocabulary.length;
  const total = stats.documents.reduce((a, b) => a + b, 0);
  const logPrior = Float64Array.from(stats.documents, (n) => Math.log(n / total));
  const logLikelihood = new Float64Array(v * k);
  stats.counts.forEach((row, c) => {
    let mass = 0;
    for (let i = 1; i < row.length; i += 2) mass += row[i] as number;
    const denominator = Math.log(mass + model.alpha * v);
    const unseen = Math.log(model.alpha) - denominator;
    for (let f = 0; f < v; f++) logLikelihood[f * k + c] = unseen;
    let at = 0;
    for (let i = 0; i < row.length; i += 2) {
      at += row[i] as number;
      logLikelihood[at * k + c] = Math.log((row[i + 1] as number) + model.alpha) - denominator;
    }
  });
  return { classes: stats.classes, logPrior, logLikelihood };
}

/**
 * Compiles a parsed model into a {@link Classifier}. Suggesting is then one pass over the text's
 * n-grams with a table lookup each: well under a millisecond for a typical complaint.
 *
 * @example
 * ```ts
 * const { businessCategory, cause } = compileModel(model).suggestAll('信用卡年费未经告知被扣收');
 * ```
 */
export function compileModel(model: SuggestModel): Classifier {
  const index = new Map(model.vocabulary.map((g, i) => [g, i]));
  const tables = { businessCategory: tableOf(model, 'businessCategory'), cause: tableOf(model, 'cause') };
  const { minN, maxN } = model.features;

  // The same n-grams as `charNgrams`, looked up as they are made: no list of strings in between.
  const known = (text: string): number[] => {
    const chars = Array.from(normaliseForModel(text));
    const seen = new Set<number>();
    for (let i = 0; i < chars.length; i++) {
      let gram = '';
      for (let n = 1; n <= maxN && i + n <= chars.length; n++) {
        gram += chars[i + n - 1];
        if (n < minN) continue;
        const f = index.get(gram);
        if (f !== undefined) seen.add(f);
      }
    }
    return [...seen];
  };

  const rank = (features: readonly number[], field: SuggestField, k: number): CodeSuggestion[] => {
    const t = tables[field];
    const n = t.classes.length;
    const score = Float64Array.from(t.logPrior);
    for (const f of features) {
      const base = f * n;
      for (let c = 0; c < n; c++) score[c] = (score[c] as number) + (t.logLikelihood[base + c] as number);
    }
    const max = Math.max(...score);
    const exp = Array.from(score, (s) => Math.exp(s - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    const order = [...exp.keys()].sort((a, b) => (exp[b] as number) - (exp[a] as number) || a - b).slice(0, k);
    return order.map((c, i) => {
      const rival = i === 0 ? order[1] : order[0];
      return { code: t.classes[c] as string, score: Math.round(((exp[c] as number) / sum) * 1000) / 1000, evidence: evidenceFor(t, features, c, rival, model.vocabulary) };
    });
  };

  return {
    model,
    suggest: (text, field, k = 3) => rank(known(text), field, k),
    suggestAll: (text, k = 3) => {
      const features = known(text);
      return { businessCategory: rank(features, 'businessCategory', k), cause: rank(features, 'cause', k) };
    },
  };
}

/** @internal evidence shows letters and digits only: no punctuation or space fragments. */
const WORDLIKE = /^[\p{L}\p{N}]+$/u;

/**
 * @internal the n-grams with the largest log-likelihood margin for class `c` over `rival` (or over
 * the mean of the others when there is no rival), keeping only the longest of overlapping ones.
 */
function evidenceFor(t: FieldTable, features: readonly number[], c: number, rival: number | undefined, vocabulary: readonly string[]): string[] {
  const n = t.classes.length;
  const margins = features.map((f) => {
    const own = t.logLikelihood[f * n + c] as number;
    let other = 0;
    if (rival !== undefined) other = t.logLikelihood[f * n + rival] as number;
    else {
      for (let o = 0; o < n; o++) if (o !== c) other += (t.logLikelihood[f * n + o] as number) / Math.max(1, n - 1);
    }
    return { f, margin: own - other };
  });
  margins.sort((a, b) => b.margin - a.margin || a.f - b.f);
  const chosen: string[] = [];
  for (const { f, margin } of margins) {
    if (margin <= 0 || chosen.length >= 3) break;
    const gram = vocabulary[f] as string;
    if (!WORDLIKE.test(gram) || Array.from(gram).length < 2 || chosen.some((x) => x.includes(gram))) continue;
    for (let i = chosen.length - 1; i >= 0; i--) if (gram.includes(chosen[i] as string)) chosen.splice(i, 1);
    chosen.push(gram);
  }
  return chosen;
}


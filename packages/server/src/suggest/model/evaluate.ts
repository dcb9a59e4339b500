import { compileModel } from './classifier.js';
import { type FieldEvaluation, SUGGEST_FIELDS, type SuggestField, type SuggestModel } from './format.js';
import { type TrainOptions, type TrainingExample, trainModel } from './train.js';

/** @internal three decimals keep reports and files stable and readable. */
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Top-1 and top-3 accuracy of a model on labelled texts, per field, beside the accuracy of always
 * answering the most frequent class of the model's own training data (the majority baseline).
 *
 * @example
 * ```ts
 * evaluateModel(model, heldOut).businessCategory.top3; // 0.99
 * ```
 */
export function evaluateModel(model: SuggestModel, examples: readonly TrainingExample[]): { [F in SuggestField]: FieldEvaluation } {
  const classifier = compileModel(model);
  const hits = { businessCategory: [0, 0], cause: [0, 0] };
  for (const ex of examples) {
    const s = classifier.suggestAll(ex.text, 3);
    for (const field of SUGGEST_FIELDS) {
      const codes = s[field].map((x) => x.code);
      if (codes[0] === ex[field]) hits[field][0] = (hits[field][0] as number) + 1;
      if (codes.includes(ex[field])) hits[field][1] = (hits[field][1] as number) + 1;
    }
  }
  const of = (field: SuggestField): FieldEvaluation => {
    const stats = model.fields[field];
    const best = stats.documents.indexOf(Math.max(...stats.documents));
    const majorityClass = stats.classes[best] ?? '';
    const n = Math.max(1, examples.length);
    return {
      top1: round((hits[field][0] as number) / n),
      top3: round((hits[field][1] as number) / n),
      majorityBaseline: round(examples.filter((ex) => ex[field] === majorityClass).length / n),
      majorityClass,
      tested: examples.length,
    };
  };
  return { businessCategory: of('businessCategory'), cause: of('cause') };
}

/**
 * Splits labelled texts deterministically into training and held-out parts: every `every`-th text
 * (by position) is held out.
 *
 * @example
 * ```ts
 * const { train, test } = holdOut(examples, 5); // 80% / 20%
 * ```
 */
export function holdOut<T>(examples: readonly T[], every = 5): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  examples.forEach((ex, i) => {
    (i % every === every - 1 ? test : train).push(ex);
  });
  return { train, test };
}

/**
 * What `complaintkit-server train` does: trains on 80% of the texts, measures on the other 20%, then
 * trains the final model on all of them with that evaluation recorded in it. With fewer than 20 texts
 * there is nothing meaningful to hold out and the evaluation is `null`.
 *
 * @example
 * ```ts
 * const model = trainAndEvaluate(examples, { source: 'demo bank seed 42' });
 * model.evaluation?.businessCategory.top3;
 * ```
 */
export function trainAndEvaluate(examples: readonly TrainingExample[], options: TrainOptions = {}): SuggestModel {
  if (examples.length < 20) return trainModel(examples, { ...options, evaluation: null });
  const { train, test } = holdOut(examples);
  const trial = trainModel(train, { ...options, evaluation: null });
  return trainModel(examples, { ...options, evaluation: evaluateModel(trial, test) });
}

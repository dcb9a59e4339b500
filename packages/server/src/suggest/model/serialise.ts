import * as z from 'zod/mini';
import { InvalidModelError } from './errors.js';
import { type FieldEvaluation, type FieldStats, MODEL_FORMAT, MODEL_FORMAT_VERSION, type SuggestModel } from './format.js';

/** @internal rebuilds an object with its keys in one fixed order, whatever order it came in. */
const stats = (f: FieldStats): FieldStats => ({ classes: f.classes, documents: f.documents, counts: f.counts });
/** @internal */
const evaluation = (e: FieldEvaluation): FieldEvaluation => ({
  top1: e.top1,
  top3: e.top3,
  majorityBaseline: e.majorityBaseline,
  majorityClass: e.majorityClass,
  tested: e.tested,
});

/**
 * The bytes of a model file: compact JSON with a fixed key order and a final newline, so the same
 * model always serialises identically (training is deterministic down to the file).
 *
 * @example
 * ```ts
 * writeFileSync('model.json', serialiseModel(trainModel(examples)));
 * ```
 */
export function serialiseModel(m: SuggestModel): string {
  const canonical: SuggestModel = {
    format: m.format,
    formatVersion: m.formatVersion,
    id: m.id,
    taxonomy: { businessCategory: m.taxonomy.businessCategory, cause: m.taxonomy.cause, digest: m.taxonomy.digest },
    features: { kind: m.features.kind, minN: m.features.minN, maxN: m.features.maxN },
    alpha: m.alpha,
    training: { documents: m.training.documents, dataDigest: m.training.dataDigest, source: m.training.source },
    vocabulary: m.vocabulary,
    fields: { businessCategory: stats(m.fields.businessCategory), cause: stats(m.fields.cause) },
    evaluation: m.evaluation && { businessCategory: evaluation(m.evaluation.businessCategory), cause: evaluation(m.evaluation.cause) },
  };
  return `${JSON.stringify(canonical)}\n`;
}

const count = z.number().check(z.int(), z.nonnegative());
const FieldStatsSchema = z.object({ classes: z.array(z.string()), documents: z.array(count), counts: z.array(z.array(count)) });
const FieldEvaluationSchema = z.object({
  top1: z.number(),
  top3: z.number(),
  majorityBaseline: z.number(),
  majorityClass: z.string(),
  tested: count,
});
const ModelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  id: z.string().check(z.minLength(1)),
  taxonomy: z.object({ businessCategory: z.array(z.string()), cause: z.array(z.string()), digest: z.string() }),
  features: z.object({ kind: z.literal('char-ngrams'), minN: count, maxN: count }),
  alpha: z.number().check(z.positive()),
  training: z.object({ documents: count, dataDigest: z.string(), source: z.string() }),
  vocabulary: z.array(z.string()),
  fields: z.object({ businessCategory: FieldStatsSchema, cause: FieldStatsSchema }),
  evaluation: z.nullable(z.object({ businessCategory: FieldEvaluationSchema, cause: FieldEvaluationSchema })),
});

/**
 * Reads a model file's text, checking its layout: throws {@link InvalidModelError} for anything that
 * is not a ComplaintKit suggestion model of this format version, or whose statistics are inconsistent.
 * (Whether its taxonomy matches is checked separately, by `assertTaxonomyMatches`.)
 *
 * @example
 * ```ts
 * const model = parseModel(readFileSync('model.json', 'utf8'));
 * ```
 */
export function parseModel(text: string): SuggestModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InvalidModelError(`the file is not JSON (${(e as Error).message})`);
  }
  if (raw && typeof raw === 'object' && 'format' in raw && raw.format === MODEL_FORMAT && 'formatVersion' in raw && raw.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new InvalidModelError(`format version ${String(raw.formatVersion)}, this build reads ${MODEL_FORMAT_VERSION}`);
  }
  const parsed = z.safeParse(ModelSchema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidModelError(`${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data as SuggestModel;
  for (const [name, f] of Object.entries(m.fields)) {
    if (f.documents.length !== f.classes.length || f.counts.length !== f.classes.length) throw new InvalidModelError(`${name}: one statistics row per class expected`);
    for (const row of f.counts) {
      if (row.length % 2 !== 0) throw new InvalidModelError(`${name}: counts come in (gap, count) pairs`);
      let at = 0;
      for (let i = 0; i < row.length; i += 2) at += row[i] as number;
      if (at >= m.vocabulary.length && row.length > 0) throw new InvalidModelError(`${name}: an n-gram index lies past the vocabulary`);
    }
  }
  return m;
}

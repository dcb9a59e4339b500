import { createHash } from 'node:crypto';
import { charNgrams, normaliseForModel } from './features.js';
import { type FieldStats, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelTaxonomy, type SuggestField, type SuggestModel } from './format.js';
import { serialiseModel } from './serialise.js';
import { taxonomyRecord } from './taxonomy.js';

/**
 * One labelled complaint to learn from: its words and the codes it was finally given.
 *
 * @example
 * ```ts
 * const ex: TrainingExample = { text: '信用卡年费未经告知被扣收', businessCategory: 'B0302', cause: 'C11' };
 * ```
 */
export interface TrainingExample {
  /** The description, and the requested resolution after a line break when there is one (see {@link complaintText}). */
  readonly text: string;
  readonly businessCategory: string;
  readonly cause: string;
}

/**
 * Training options; every default is what the shipped model uses.
 *
 * @example
 * ```ts
 * const o: TrainOptions = { source: 'store sqlite ./data', maxN: 4 };
 * ```
 */
export interface TrainOptions {
  /** Shortest n-gram; default 1. */
  readonly minN?: number;
  /** Longest n-gram; default 3. */
  readonly maxN?: number;
  /** Lidstone smoothing; default 0.1. */
  readonly alpha?: number;
  /** An n-gram must occur in at least this many training texts; default 2. */
  readonly minDocumentFrequency?: number;
  /** Keep at most this many n-grams, the most frequent first; default 30,000 (bounds the file size). */
  readonly maxVocabulary?: number;
  /** Recorded in the model: where the data came from. */
  readonly source?: string;
  /** The taxonomy to record; default the running one. Labels outside it are an error. */
  readonly taxonomy?: ModelTaxonomy;
  /** The held-out evaluation to record (see `trainAndEvaluate`); default none. */
  readonly evaluation?: SuggestModel['evaluation'];
}

/**
 * The text the model reads for a complaint: the description, then the requested resolution.
 *
 * @example
 * ```ts
 * complaintText({ description: '年费被扣', requestedResolution: '要求退还' }); // '年费被扣\n要求退还'
 * ```
 */
export function complaintText(c: { readonly description: string; readonly requestedResolution?: string | undefined }): string {
  return c.requestedResolution ? `${c.description}\n${c.requestedResolution}` : c.description;
}

/**
 * Trains a naive-Bayes model over character n-grams (each n-gram counted once per text). Pure and
 * deterministic: the same examples in the same order and the same options give a model that
 * serialises to the same bytes. Throws a `RangeError` on no data or a label outside the taxonomy.
 *
 * @example
 * ```ts
 * const model = trainModel([
 *   { text: '信用卡年费被扣', businessCategory: 'B0302', cause: 'C11' },
 *   { text: '催收电话打到单位', businessCategory: 'B0202', cause: 'C12' },
 * ], { minDocumentFrequency: 1 });
 * ```
 */
export function trainModel(examples: readonly TrainingExample[], options: TrainOptions = {}): SuggestModel {
  const minN = options.minN ?? 1;
  const maxN = options.maxN ?? 3;
  const alpha = options.alpha ?? 0.1;
  const minDf = options.minDocumentFrequency ?? 2;
  const maxVocabulary = options.maxVocabulary ?? 30_000;
  const taxonomy = options.taxonomy ?? taxonomyRecord();
  if (examples.length === 0) throw new RangeError('no training examples: store or import labelled complaints first');
  if (!(minN >= 1 && maxN >= minN && maxN <= 8)) throw new RangeError(`n-gram range ${minN}..${maxN} must lie within 1..8`);
  if (!(alpha > 0)) throw new RangeError(`alpha must be positive, got ${alpha}`);

  for (const [i, ex] of examples.entries()) {
    if (!taxonomy.businessCategory.includes(ex.businessCategory)) throw new RangeError(`example ${i}: business category "${ex.businessCategory}" is not in the taxonomy`);
    if (!taxonomy.cause.includes(ex.cause)) throw new RangeError(`example ${i}: cause "${ex.cause}" is not in the taxonomy`);
  }

  // Document frequency of every n-gram, then the vocabulary: frequent first, ties by code units.
  const grams = examples.map((ex) => charNgrams(normaliseForModel(ex.text), minN, maxN));
  const df = new Map<string, number>();
  for (const gs of grams) for (const g of gs) df.set(g, (df.get(g) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxVocabulary)
    .map(([g]) => g)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(kept.map((g, i) => [g, i]));

  const fieldStats = (field: SuggestField): FieldStats => {
    const classes = [...new Set(examples.map((ex) => ex[field]))].sort();
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const documents = classes.map(() => 0);
    const perClass = classes.map(() => new Map<number, number>());
    examples.forEach((ex, i) => {
      const k = classIndex.get(ex[field]) as number;
      documents[k] = (documents[k] ?? 0) + 1;
      const m = perClass[k] as Map<number, number>;
      for (const g of grams[i] as string[]) {
        const f = index.get(g);
        if (f !== undefined) m.set(f, (m.get(f) ?? 0) + 1);
      }
    });
    const counts = perClass.map((m) => {
      const out: number[] = [];
      let prev = 0;
      for (const f of [...m.keys()].sort((a, b) => a - b)) {
        out.push(f - prev, m.get(f) as number);
        prev = f;
      }
      return out;
    });
    return { classes, documents, counts };
  };

  const dataHash = createHash('sha256');
  for (const ex of examples) dataHash.update(`${ex.businessCategory}\t${ex.cause}\t${ex.text}\u0000`);

  const withoutId: SuggestModel = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    id: '',
    taxonomy,
    features: { kind: 'char-ngrams', minN, maxN },
    alpha,
    training: { documents: examples.length, dataDigest: dataHash.digest('hex'), source: options.source ?? 'unspecified' },
    vocabulary: kept,
    fields: { businessCategory: fieldStats('businessCategory'), cause: fieldStats('cause') },
    evaluation: options.evaluation ?? null,
  };
  const id = `nb${MODEL_FORMAT_VERSION}-${createHash('sha256').update(serialiseModel(withoutId)).digest('hex').slice(0, 16)}`;
  return { ...withoutId, id };
}

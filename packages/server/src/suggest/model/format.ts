/**
 * The suggestion model file: what training writes and the service loads. Plain JSON, written with a
 * fixed key order so the same data always gives the same bytes (see {@link serialiseModel}).
 *
 * @module
 */

/** The `format` tag every model file carries. @example `MODEL_FORMAT; // 'complaintkit-suggest-model'` */
export const MODEL_FORMAT = 'complaintkit-suggest-model';
/** The layout version of the file; a loader refuses others. @example `MODEL_FORMAT_VERSION; // 1` */
export const MODEL_FORMAT_VERSION = 1;

/**
 * The fields a model suggests codes for: the complaint's business category (dimension B) and cause
 * (dimension C), named as on the complaint record.
 *
 * @example
 * ```ts
 * const f: SuggestField = 'cause';
 * ```
 */
export type SuggestField = 'businessCategory' | 'cause';
/** Both fields, in the order models and reports list them. @example `SUGGEST_FIELDS.length; // 2` */
export const SUGGEST_FIELDS: readonly SuggestField[] = ['businessCategory', 'cause'];

/**
 * The code lists a model was trained against; a service running another taxonomy refuses it.
 *
 * @example
 * ```ts
 * const t: ModelTaxonomy = { businessCategory: ['B01', 'B99'], cause: ['C01', 'C99'], digest: 'a1b2…' };
 * ```
 */
export interface ModelTaxonomy {
  readonly businessCategory: readonly string[];
  readonly cause: readonly string[];
  /** sha256 (hex) of both lists, for a quick comparison and for the report. */
  readonly digest: string;
}

/**
 * One field's naive-Bayes statistics: per class, how many training texts it had and, sparsely, in how
 * many of them each vocabulary n-gram occurred.
 *
 * @example
 * ```ts
 * const f: FieldStats = { classes: ['B01', 'B0302'], documents: [3, 5], counts: [[0, 2], [1, 4, 2, 1]] };
 * ```
 */
export interface FieldStats {
  /** The codes seen in training, sorted. */
  readonly classes: readonly string[];
  /** Training texts per class (the prior). */
  readonly documents: readonly number[];
  /**
   * Per class, pairs flattened: the gap from the previous vocabulary index (the first is the index
   * itself), then the count. Gaps keep the file small.
   */
  readonly counts: readonly (readonly number[])[];
}

/**
 * The quality of a model measured on texts held out of its training (see `evaluateModel`).
 *
 * @example
 * ```ts
 * const e: FieldEvaluation = { top1: 0.91, top3: 0.99, majorityBaseline: 0.35, majorityClass: 'B0302', tested: 900 };
 * ```
 */
export interface FieldEvaluation {
  readonly top1: number;
  readonly top3: number;
  /** Top-1 accuracy of always answering the most frequent training class. */
  readonly majorityBaseline: number;
  readonly majorityClass: string;
  readonly tested: number;
}

/**
 * A trained suggestion model, as stored in its file.
 *
 * @example
 * ```ts
 * const model: SuggestModel = parseModel(readFileSync('model.json', 'utf8'));
 * model.id; // 'nb1-3f9a2c…'
 * ```
 */
export interface SuggestModel {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: typeof MODEL_FORMAT_VERSION;
  /** Content hash of everything below: the version recorded beside each suggestion. */
  readonly id: string;
  readonly taxonomy: ModelTaxonomy;
  readonly features: { readonly kind: 'char-ngrams'; readonly minN: number; readonly maxN: number };
  /** Additive (Lidstone) smoothing of the n-gram likelihoods. */
  readonly alpha: number;
  readonly training: {
    readonly documents: number;
    /** sha256 of the training texts and labels in the order given. */
    readonly dataDigest: string;
    /** Where the data came from, as the trainer was told (`demo bank seed 42`, `store`, …). */
    readonly source: string;
  };
  /** The n-grams the model knows, sorted; {@link FieldStats.counts} index into it. */
  readonly vocabulary: readonly string[];
  readonly fields: { readonly [F in SuggestField]: FieldStats };
  /** Held-out evaluation made when the model was trained, or `null` when there was too little data. */
  readonly evaluation: { readonly [F in SuggestField]: FieldEvaluation } | null;
}

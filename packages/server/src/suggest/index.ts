/**
 * Suggested classification and sensitive-case flags from a complaint's own words.
 *
 * - `model/`: a naive-Bayes model over character n-grams (no word segmentation, so Chinese and
 *   English alike) that suggests the top business categories (dimension B) and causes (dimension C)
 *   with scores and the n-grams behind them; deterministic training, a versioned model file that
 *   records its taxonomy, and a held-out evaluation.
 * - `flags/`: a maintained, per-bank lexicon of sensitive-case phrases (media, lawsuit, regulator
 *   hotline, petition, repeated escalation, distress) matched with full-width and spaced variants,
 *   negations excluded, and the matched phrases returned as evidence.
 *
 * Pure code, Node only (it hashes with `node:crypto`): the service and the tools run it; it never
 * ships to phones, which ask the service (docs/domain/taxonomy.md for the codes).
 *
 * @module
 */
export { type Classifier, type CodeSuggestion, compileModel } from './model/classifier.js';
export { InvalidModelError, ModelTaxonomyMismatchError } from './model/errors.js';
export { evaluateModel, holdOut, trainAndEvaluate } from './model/evaluate.js';
export { charNgrams, normaliseForModel } from './model/features.js';
export {
  type FieldEvaluation,
  type FieldStats,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelTaxonomy,
  SUGGEST_FIELDS,
  type SuggestField,
  type SuggestModel,
} from './model/format.js';
export { parseModel, serialiseModel } from './model/serialise.js';
export { assertTaxonomyMatches, taxonomyRecord } from './model/taxonomy.js';
export { complaintText, type TrainOptions, type TrainingExample, trainModel } from './model/train.js';
export { DEFAULT_LEXICON } from './flags/default-lexicon.js';
export { InvalidLexiconError, type Lexicon, type LexiconInput, LexiconSchema, parseLexicon, SENSITIVE_KINDS, type SensitiveKind } from './flags/lexicon.js';
export { compileLexicon, type FlagEvidence, type Flagger, flagText, type SensitiveFlag } from './flags/match.js';
export { createSuggester, type SuggestInput, type Suggester } from './service/suggester.js';
export { demoBankExamples, exampleOf, storeExamples } from './service/training-data.js';
export { modelReport } from './service/report.js';
export { DEFAULT_MODEL_FILE, defaultModelPath, defaultSuggester, type LoadSuggesterOptions, loadSuggester } from './service/load.js';

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LEXICON } from '../flags/default-lexicon.js';
import { InvalidLexiconError, parseLexicon } from '../flags/lexicon.js';
import { InvalidModelError } from '../model/errors.js';
import type { ModelTaxonomy } from '../model/format.js';
import { parseModel } from '../model/serialise.js';
import { assertTaxonomyMatches } from '../model/taxonomy.js';
import { createSuggester, type Suggester } from './suggester.js';

/** The shipped model's file name, in the package's `models/` folder. @example `DEFAULT_MODEL_FILE; // 'demo-bank.json'` */
export const DEFAULT_MODEL_FILE = 'demo-bank.json';

/**
 * Where the shipped default model lies: `models/demo-bank.json` in this package (found from this
 * module, so it works from `src/` and from `dist/`).
 *
 * @example
 * ```ts
 * readFileSync(defaultModelPath(), 'utf8');
 * ```
 */
export function defaultModelPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'models', DEFAULT_MODEL_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new InvalidModelError(`the default model models/${DEFAULT_MODEL_FILE} is missing from the package`);
}

/**
 * Options of {@link loadSuggester}.
 *
 * @example
 * ```ts
 * const o: LoadSuggesterOptions = { model: './bank-model.json', lexicon: './bank-lexicon.json' };
 * ```
 */
export interface LoadSuggesterOptions {
  /** A model file from `complaintkit-server train`; default the shipped model trained on the demo bank. */
  readonly model?: string | undefined;
  /** A lexicon file (JSON, see `LexiconSchema`); default the shipped lexicon. */
  readonly lexicon?: string | undefined;
  /** The taxonomy to check the model against; default the running one. */
  readonly taxonomy?: ModelTaxonomy | undefined;
}

/**
 * Loads the model and lexicon the service suggests with, checking both before anything is served:
 * throws `InvalidModelError` for an unreadable model, `ModelTaxonomyMismatchError` for one trained
 * against another taxonomy, and `InvalidLexiconError` for a bad lexicon.
 *
 * @example
 * ```ts
 * const suggester = loadSuggester({ model: process.env.CK_MODEL });
 * ```
 */
export function loadSuggester(options: LoadSuggesterOptions = {}): Suggester {
  const path = options.model ?? defaultModelPath();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InvalidModelError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const model = parseModel(text);
  assertTaxonomyMatches(model, options.taxonomy);
  const lexicon = options.lexicon === undefined ? DEFAULT_LEXICON : parseLexicon(readLexicon(options.lexicon));
  return createSuggester(model, lexicon);
}

/** @internal */
function readLexicon(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InvalidLexiconError([`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
}

let shipped: Suggester | undefined;
/**
 * The shipped model and lexicon, loaded once: what `createApp` uses when given no suggester.
 *
 * @example
 * ```ts
 * defaultSuggester().modelId; // 'nb1-…'
 * ```
 */
export function defaultSuggester(): Suggester {
  shipped ??= loadSuggester();
  return shipped;
}

import { createHash } from 'node:crypto';
import { BUSINESS_CATEGORY_CODES, COMPLAINT_CAUSE_CODES } from '@complaintkit/core/domain';
import { ModelTaxonomyMismatchError } from './errors.js';
import type { ModelTaxonomy, SuggestModel } from './format.js';

/**
 * The taxonomy record of the given code lists (by default the ones this build of ComplaintKit runs
 * with, docs/domain/taxonomy.md): what a model records at training and what the service compares.
 *
 * @example
 * ```ts
 * taxonomyRecord().businessCategory.includes('B0302'); // true
 * ```
 */
export function taxonomyRecord(
  businessCategory: readonly string[] = BUSINESS_CATEGORY_CODES,
  cause: readonly string[] = COMPLAINT_CAUSE_CODES,
): ModelTaxonomy {
  const digest = createHash('sha256').update(`B:${businessCategory.join(',')}\nC:${cause.join(',')}\n`).digest('hex');
  return { businessCategory: [...businessCategory], cause: [...cause], digest };
}

/**
 * Throws {@link ModelTaxonomyMismatchError} unless the model was trained against exactly the given
 * taxonomy (by default the running one): a model that knows other codes would suggest codes the
 * service rejects, or never suggest new ones.
 *
 * @example
 * ```ts
 * assertTaxonomyMatches(model); // throws when the model is stale
 * ```
 */
export function assertTaxonomyMatches(model: SuggestModel, running: ModelTaxonomy = taxonomyRecord()): void {
  if (model.taxonomy.digest === running.digest && sameList(model.taxonomy.businessCategory, running.businessCategory) && sameList(model.taxonomy.cause, running.cause)) return;
  const missing = [...running.businessCategory, ...running.cause].filter((c) => !model.taxonomy.businessCategory.includes(c) && !model.taxonomy.cause.includes(c));
  const unknown = [...model.taxonomy.businessCategory, ...model.taxonomy.cause].filter((c) => !running.businessCategory.includes(c) && !running.cause.includes(c));
  throw new ModelTaxonomyMismatchError(model.id, missing, unknown);
}

/** @internal */
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

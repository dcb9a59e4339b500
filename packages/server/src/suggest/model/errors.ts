/**
 * A model file that cannot be used: not JSON, not a ComplaintKit suggestion model, or of a layout
 * version this build does not read. Retrain with `complaintkit-server train`.
 *
 * @example
 * ```ts
 * try { parseModel(text); } catch (e) { if (e instanceof InvalidModelError) console.error(e.message); }
 * ```
 */
export class InvalidModelError extends Error {
  override readonly name = 'InvalidModelError';
  constructor(detail: string) {
    super(`not a usable suggestion model: ${detail}. Train one with \`complaintkit-server train --out model.json\`.`);
  }
}

/**
 * A model trained against another taxonomy than the one the service runs with. The service refuses
 * it rather than suggest codes it would reject; retrain on the current data.
 *
 * @example
 * ```ts
 * try { assertTaxonomyMatches(model); } catch (e) { if (e instanceof ModelTaxonomyMismatchError) e.unknownCodes; }
 * ```
 */
export class ModelTaxonomyMismatchError extends Error {
  override readonly name = 'ModelTaxonomyMismatchError';
  constructor(
    readonly modelId: string,
    /** Codes the running taxonomy has and the model's does not. */
    readonly missingCodes: readonly string[],
    /** Codes the model was trained with that the running taxonomy does not have. */
    readonly unknownCodes: readonly string[],
  ) {
    const parts = [
      missingCodes.length > 0 ? `it lacks ${missingCodes.join(', ')}` : '',
      unknownCodes.length > 0 ? `it knows codes the service does not: ${unknownCodes.join(', ')}` : '',
    ].filter(Boolean);
    super(
      `suggestion model ${modelId} was trained with another taxonomy (${parts.join('; ') || 'the code order differs'}). ` +
        'Retrain it with `complaintkit-server train` against this version, or start without --model to use the default one.',
    );
  }
}

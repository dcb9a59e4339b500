import { SUGGEST_FIELDS, type SuggestModel } from '../model/format.js';

/**
 * The evaluation report written beside a model file: what it was trained on, its size, and its
 * held-out accuracy per field against the majority-class baseline, as Markdown.
 *
 * @example
 * ```ts
 * writeFileSync('model.report.md', modelReport(model, { bytes: 91_000, trainMs: 800 }));
 * ```
 */
export function modelReport(model: SuggestModel, run: { readonly bytes: number; readonly trainMs?: number }): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `# Suggestion model ${model.id}`,
    '',
    `- trained on ${model.training.documents} complaints (${model.training.source}); data digest \`${model.training.dataDigest.slice(0, 16)}\``,
    `- taxonomy digest \`${model.taxonomy.digest.slice(0, 16)}\` (${model.taxonomy.businessCategory.length} business categories, ${model.taxonomy.cause.length} causes)`,
    `- features: character ${model.features.minN}–${model.features.maxN}-grams, ${model.vocabulary.length} kept; naive Bayes, alpha ${model.alpha}`,
    `- file: ${(run.bytes / 1024).toFixed(1)} KiB${run.trainMs === undefined ? '' : `; training with evaluation took ${(run.trainMs / 1000).toFixed(2)} s`}`,
    '',
  ];
  if (!model.evaluation) {
    lines.push('No evaluation: fewer than 20 complaints to hold out from.', '');
    return lines.join('\n');
  }
  lines.push(
    `Held out: every 5th complaint (${model.evaluation.businessCategory.tested}), trained on the rest, then the final model on all.`,
    '',
    '| field | top-1 | top-3 | majority baseline (top-1) |',
    '|---|---:|---:|---:|',
  );
  for (const f of SUGGEST_FIELDS) {
    const e = model.evaluation[f];
    lines.push(`| ${f} | ${pct(e.top1)} | ${pct(e.top3)} | ${pct(e.majorityBaseline)} (${e.majorityClass}) |`);
  }
  lines.push('');
  return lines.join('\n');
}

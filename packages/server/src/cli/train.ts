import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { trainAndEvaluate } from '../suggest/model/evaluate.js';
import { serialiseModel } from '../suggest/model/serialise.js';
import { modelReport } from '../suggest/service/report.js';
import { demoBankExamples, storeExamples } from '../suggest/service/training-data.js';
import { openStore } from '../store/open-store.js';

/**
 * Usage of `complaintkit-server train`.
 *
 * @example
 * ```ts
 * process.stdout.write(TRAIN_USAGE);
 * ```
 */
export const TRAIN_USAGE = `  complaintkit-server train --out FILE [--data ./data] [--report FILE] [--max-n 3]
  complaintkit-server train --out FILE --demo [--seed 42] [--now ISO-TIME] [--months 24]

  train   trains the classification-suggestion model from the stored complaints (SQLite in --data, or
          DATABASE_URL; imported history included), or with --demo from a freshly generated demo bank,
          and writes the model file and its evaluation report (FILE with .report.md). Serve it with --model FILE.`;

/**
 * `complaintkit-server train`: trains and writes a model and its report (the time goes to stdout, not
 * into the files, so the same data gives the same files).
 *
 * @example
 * ```ts
 * await runTrain(['--demo', '--out', 'models/demo-bank.json'], fail);
 * ```
 */
export async function runTrain(args: string[], fail: (message: string) => never): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        report: { type: 'string' },
        data: { type: 'string' },
        demo: { type: 'boolean' },
        seed: { type: 'string' },
        now: { type: 'string' },
        months: { type: 'string' },
        'max-n': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    return fail((e as Error).message);
  }
  const out = values.out as string | undefined;
  if (!out) return fail('train needs --out FILE');
  const whole = (name: string, fallback: number): number => {
    const v = values[name] as string | undefined;
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, got "${v}"`);
    return n;
  };
  const maxN = whole('max-n', 3);

  const started = performance.now();
  let examples: Awaited<ReturnType<typeof storeExamples>>;
  let source: string;
  if (values.demo) {
    const seed = whole('seed', 42);
    const months = whole('months', 24);
    const nowText = values.now as string | undefined;
    const now = nowText === undefined ? Date.now() : Date.parse(nowText);
    if (Number.isNaN(now)) return fail(`--now must be an ISO time, got "${nowText}"`);
    examples = demoBankExamples({ seed, now, months });
    source = `demo bank, seed ${seed}, ${months} months to ${new Date(now).toISOString()}`;
  } else {
    const dataDir = (values.data as string | undefined) ?? './data';
    const databaseUrl = process.env.DATABASE_URL || undefined;
    const store = await openStore({ dataDir, databaseUrl });
    try {
      examples = await storeExamples(store);
    } finally {
      await store.close();
    }
    source = databaseUrl ? 'PostgreSQL store' : 'SQLite store';
  }
  if (examples.length === 0) return fail('there are no complaints to train on: seed or import some first');

  const model = trainAndEvaluate(examples, { source, maxN });
  const text = serialiseModel(model);
  const trainMs = performance.now() - started;
  const reportPath = (values.report as string | undefined) ?? out.replace(/\.json$/i, '') + '.report.md';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  writeFileSync(reportPath, modelReport(model, { bytes: Buffer.byteLength(text) }));
  process.stdout.write(`Trained ${model.id} on ${examples.length} complaints in ${(trainMs / 1000).toFixed(1)} s: ${out} (${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB), report ${reportPath}\n`);
  if (model.evaluation) {
    const e = model.evaluation;
    process.stdout.write(
      `Held-out top-1 / top-3: business category ${e.businessCategory.top1} / ${e.businessCategory.top3}, cause ${e.cause.top1} / ${e.cause.top3}\n`,
    );
  }
}

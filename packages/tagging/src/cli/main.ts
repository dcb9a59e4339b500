import { InputError } from '../input/errors.js';
import { reconcile } from '../reconcile/reconcile.js';
import { parseCli, USAGE } from './args.js';
import { build, UsageError } from './build.js';

/**
 * Runs `complaintkit-tags` with the given arguments and returns the exit code: 0 done, 1 bad input or a
 * failed step (nothing published), 2 usage, 3 rows that did not land (reconcile).
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['build', '--input', 'complaints.ndjson', '--out', 'exports']);
 * ```
 */
export async function runCli(argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void } = defaultIo): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const command = positionals[0];
  if (v.help || !command) {
    io.out(USAGE);
    return v.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'build': {
        const r = await build(v, io.err);
        const s = r.summary;
        io.out(
          [
            `tags as of ${s.asOf} (${s.previousAsOf ? `incremental, after ${s.previousAsOf}` : 'full build'})`,
            `  complaints read   ${s.read}${r.readOnWorker ? ' (on a worker thread)' : ''}`,
            `  linked            ${s.linked} (${s.linkedByKeys} through key files)`,
            `  unmatched         ${s.unmatched}`,
            `  ambiguous         ${s.ambiguous}`,
            ...(r.unlinkedReport ? [`  not linked, by complaint number: ${r.unlinkedReport}`] : []),
            ...(r.invalidKeys ? [`  invalid key rows  ${r.invalidKeys} (skipped: a number failed its check)`] : []),
            `  customers         ${r.customers} (${s.evaluated} evaluated)`,
            `  tag changes       ${s.assigned} assigned, ${s.removed} removed`,
            ...(r.published !== null ? [`  sent to service   ${r.published} tags`] : []),
            ...(r.unpublished ? [`  stale, deleted    ${r.unpublished} tags from the service`] : []),
            ...(s.cursor !== null ? [`  change cursor     ${s.cursor} (the next --service run reads after it)`] : []),
            ...r.exports.flatMap(({ path, manifest: m }) => [
              `  ${m.kind.padEnd(17)} ${path}: ${m.counts.upserts} upserts, ${m.counts.deletes} deletes`,
              ...Object.entries(m.counts.byTag).map(([code, c]) => `      ${code.padEnd(36)} ${c.upserts}${c.deletes ? ` (−${c.deletes})` : ''}`),
            ]),
          ].join('\n'),
        );
        return 0;
      }
      case 'reconcile': {
        if (!v.export) throw new UsageError('reconcile needs --export DIR (an export folder with its manifest.json)');
        if (!v.success?.length && !v.failed?.length) throw new UsageError('reconcile needs the CRM result files: --success FILE and/or --failed FILE');
        const r = await reconcile(v.export, { success: v.success ?? [], failed: v.failed ?? [], ...(v['error-field'] ? { errorField: v['error-field'] } : {}) });
        io.out(
          [
            `${r.exportId}: ${r.landed} of ${r.expected} landed`,
            ...r.failed.map((f) => `  failed   ${f.key}: ${f.error}`),
            ...r.missing.map((k) => `  missing  ${k} (in no result file)`),
            ...(r.unexpected.length ? [`  ${r.unexpected.length} keys in the result files were not in this export: ${r.unexpected.slice(0, 5).join(', ')}${r.unexpected.length > 5 ? ', …' : ''}`] : []),
          ].join('\n'),
        );
        return r.notLanded.length ? 3 : 0;
      }
      case 'check-rules': {
        const file = positionals[1] ?? v.rules;
        if (!file) throw new UsageError('check-rules needs a rule file');
        const { loadRules } = await import('../rules/load.js');
        const rules = await loadRules(file);
        io.out(`${file}: rule set ${rules.version}, ${rules.rules.map((r) => `${r.kind}@${r.version}${r.enabled ? '' : ' (disabled)'}`).join(', ')}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`complaintkit-tags: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`complaintkit-tags: ${e.message}`);
      return 1;
    }
    io.err(`complaintkit-tags: ${(e as Error).message}`);
    return 1;
  }
}

/** @internal */
const defaultIo = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) };

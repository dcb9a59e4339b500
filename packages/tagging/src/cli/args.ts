import { parseArgs } from 'node:util';

/** @internal the usage text, printed on `--help` and after a usage error. */
export const USAGE = `complaintkit-tags: complaint-derived customer tags for CRM import

  complaintkit-tags build [options]        read complaints, update tags, write a delta (and a snapshot)
    --input FILE        complaints as .ndjson/.jsonl/.csv in the export shape (repeatable)
    --service URL       read from a running service instead (token in $CK_TOKEN or --token-env): only
                        the complaints changed since the last run (the service's change cursor)
    --publish URL       also send the run's changed tags (all of them after --full) to that service,
                        where staff see them beside the complaint (a system or head-office manager token)
    --rules FILE        tag rules (.json/.yaml); default: the built-in catalogue
    --keys FILE         CRM key file (customerId + phone/idNumber/cardNumber columns; repeatable)
    --secret-env NAME   environment variable holding the bank's identity secret (default CK_IDENTITY_SECRET)
    --state DIR         tag state: snapshot and event log (default ./tag-state)
    --out DIR           where exports go (default ./tag-exports)
    --as-of INSTANT     the instant tags hold at (default now), e.g. 2026-11-29T00:00:00+08:00
    --full              ignore the saved state and rebuild from the inputs; writes a snapshot too
    --snapshot          also write a full snapshot export
    --since SEQ         delta from this event sequence number (default: where the last run ended)
    --format LIST       csv,ndjson (default both)
    --fields FILE       JSON map of export columns to the CRM's field names
    --bom               start CSV files with a UTF-8 byte-order mark (Excel)
    --line-ending E     crlf (default) or lf
    --quiet             no progress bar
  complaintkit-tags reconcile --export DIR --success FILE... --failed FILE... [--error-field sf__Error]
  complaintkit-tags check-rules FILE

Exit codes: 0 done, 1 bad input or a failed step (nothing published), 2 usage, 3 reconcile found rows that did not land.`;

/** @internal */
export function parseCli(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      input: { type: 'string', multiple: true },
      service: { type: 'string' },
      publish: { type: 'string' },
      'token-env': { type: 'string', default: 'CK_TOKEN' },
      rules: { type: 'string' },
      keys: { type: 'string', multiple: true },
      'secret-env': { type: 'string', default: 'CK_IDENTITY_SECRET' },
      state: { type: 'string', default: './tag-state' },
      out: { type: 'string', default: './tag-exports' },
      'as-of': { type: 'string' },
      full: { type: 'boolean', default: false },
      snapshot: { type: 'boolean', default: false },
      since: { type: 'string' },
      format: { type: 'string', default: 'csv,ndjson' },
      fields: { type: 'string' },
      bom: { type: 'boolean', default: false },
      'line-ending': { type: 'string', default: 'crlf' },
      quiet: { type: 'boolean', default: false },
      export: { type: 'string' },
      success: { type: 'string', multiple: true },
      failed: { type: 'string', multiple: true },
      'error-field': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

// A worker thread that reads NDJSON complaint files for a full build: lines, JSON, the export shape's
// check and the facts, then posts per batch only the rows the engine has to act on (see
// `DigestedMessage`). Started by `readDigested`; built as `dist/read-worker.js`.
import { parentPort, workerData } from 'node:worker_threads';
import { ComplaintNumberSet } from '../engine/complaint-numbers.js';
import { toFacts } from '../engine/facts.js';
import { encodeFact } from '../engine/state-text.js';
import { compileRules, stillRelevant } from '../rules/evaluate.js';
import type { RuleSet } from '../rules/schema.js';
import { BATCHES_AHEAD, type ReadWorkerData, type ReadWorkerMessage } from './digested-rows.js';
import { InputError } from './errors.js';
import { readNdjsonBatches } from './read-complaints.js';

const port = parentPort!;
const data = workerData as ReadWorkerData;
const post = (m: ReadWorkerMessage) => port.postMessage(m);

let credit = BATCHES_AHEAD;
let resume: (() => void) | null = null;
// The engine acknowledges each batch it has taken.
port.on('message', () => {
  credit++;
  resume?.();
  resume = null;
});

async function main(): Promise<void> {
  const compiled = compileRules(data.rules as RuleSet);
  const { asOf } = data;
  // Complaint numbers sent as kept: a later row with one of them must reach the engine whatever it is.
  const kept = new ComplaintNumberSet();
  for (const file of data.files) {
    for await (const batch of readNdjsonBatches(file)) {
      let flags = '';
      const ids: string[] = [];
      const customers: string[] = [];
      const facts: string[] = [];
      for (let i = 0; i < batch.length; i++) {
        const row = batch[i]!.row;
        const f = toFacts(row);
        const customer = row.customerId ? row.customerId : '';
        if (kept.has(row.id)) flags += 'f';
        else if (customer === '') flags += 'u';
        else if (f !== null && stillRelevant(f, asOf, compiled)) {
          flags += 'k';
          kept.add(row.id);
        } else continue;
        ids.push(row.id);
        customers.push(customer);
        facts.push(f === null ? '' : encodeFact(f));
      }
      post({ kind: 'batch', rows: batch.length, position: batch.at(-1)?.position ?? 0, flags, ids, customers, facts });
      if (--credit <= 0) await new Promise<void>((r) => (resume = r));
    }
  }
  post({ kind: 'end' });
}

main().catch((e: unknown) => {
  if (e instanceof InputError) post({ kind: 'input-error', file: e.file, line: e.line, field: e.field, reason: e.reason });
  // The message only, as the main-thread read reports it: no stack trace reaches the user.
  else post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
});

/**
 * A worker thread of a history import's check pass (`check-pool.ts`): checks the rows it is sent
 * (validation, organisation, lifecycle replay: `checkRow`) and answers with each row's outcome and the
 * replayed complaints serialised into one transferred buffer. The holiday calendar holds functions, so
 * it is rebuilt here from its years (the same `calendarOfYears` the service builds it with).
 */
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { calendarOfYears } from '@complaintkit/core/domain';
import { type CheckContext, checkRow } from './check-row.js';
import type { CheckRequest, CheckResponse, CheckWorkerData, PackedRow } from './check-pool.js';

const data = workerData as CheckWorkerData;
const ctx: CheckContext = {
  orgs: new Map(data.orgs.map(([id, path, parentId]) => [id, { path, parentId }])),
  underPath: data.underPath,
  clock: {
    ...(data.calendarYears && { calendar: calendarOfYears(data.calendarYears) }),
    ...(data.policy && { policy: data.policy }),
  },
};

parentPort?.on('message', (req: CheckRequest) => {
  const rows: PackedRow[] = [];
  const buffers: Buffer[] = [];
  let bytes = 0;
  for (const row of req.rows) {
    const c = checkRow(row, ctx);
    let length = 0;
    if (c.complaint) {
      const b = serialize(c.complaint);
      buffers.push(b);
      length = b.length;
      bytes += length;
    }
    rows.push({
      line: c.line,
      sourceId: c.sourceId,
      errors: c.errors,
      length,
      customerId: c.complaint?.complainant.customerId,
      receivedMs: c.complaint ? Date.parse(c.complaint.receivedAt) : undefined,
    });
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const b of buffers) {
    all.set(b, at);
    at += b.length;
  }
  const res: CheckResponse = { id: req.id, rows, complaints: all.buffer };
  parentPort?.postMessage(res, [all.buffer]);
});

/**
 * A worker thread of a history import's check pass (`check-pool.ts`): checks the rows it is sent
 * (validation, organisation, lifecycle replay: `checkRow`) and answers with each row's outcome and its
 * replayed complaint as JSON (`JSON.stringify` takes a third of the time `v8.serialize` took). The holiday calendar holds functions, so
 * it is rebuilt here from its years (the same `calendarOfYears` the service builds it with).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { calendarOfYears } from '@complaintkit/core/domain';
import { type CheckContext, checkRow } from './check-row.js';
import type { CheckedPacked, CheckRequest, CheckResponse, CheckWorkerData } from './check-pool.js';

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
  const rows: CheckedPacked[] = req.rows.map((row) => {
    const c = checkRow(row, ctx);
    return {
      line: c.line,
      record: c.record,
      sourceId: c.sourceId,
      errors: c.errors,
      complaint: c.complaint && JSON.stringify(c.complaint),
      customerId: c.complaint?.complainant.customerId,
      receivedMs: c.complaint ? Date.parse(c.complaint.receivedAt) : undefined,
    };
  });
  parentPort?.postMessage({ id: req.id, rows } satisfies CheckResponse);
});

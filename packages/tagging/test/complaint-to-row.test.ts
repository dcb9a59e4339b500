import { type Complaint, Complaint as ComplaintSchema } from '@complaintkit/core/domain';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_ROW_FIELDS, ComplaintRow, complaintToRow } from '../src/input/complaint-row.js';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

/** A whole record as the service returns it, with a decision, a review beside it and two follow-ups. */
const record = (over: Partial<Complaint['complainant']> = {}): Complaint =>
  ComplaintSchema.parse({
    id: 'CK20260601-900001', version: 9, status: 'under_review', intakeChannel: 'regulator_transfer', regulatorReference: '12378-1',
    businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11', description: '年费', attachments: [], severity: 'sensitive',
    complainant: { name: '张*', phone: '138****5678', customerId: 'C-9', identityVerified: true, phoneHash: H1, idNumberHash: H2, priorityGroups: [{ group: 'elderly', basis: 'verified' }], ...over },
    regionCode: '440305', regionScope: 'regional', subjectOrgId: 'SB-1', handlingOrgId: 'SB-1', registeredBy: { kind: 'system', id: 'sys' },
    firstResponder: { kind: 'staff', id: 'u-1', role: 'frontline', orgId: 'SB-1' }, assigneeId: 'u-1', leaderId: null,
    receivedAt: '2026-06-01T08:00:00+08:00', receivedDay: '2026-06-01',
    deadlines: { clockStartedAt: '2026-06-01T08:00:00+08:00', decisionDueAt: null, warnAt: null, extensionLevel: 0, paused: false, reviewDueAt: '2026-07-01T23:59:59.999+08:00', reviewWarnAt: null, calendarCovered: true },
    decision: {
      outcome: 'not_upheld', basis: '章程', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: '2026-06-08T10:00:00+08:00',
      respondedAt: '2026-06-08T09:00:00+08:00', decidingOrgId: 'SB-1', dueAt: '2026-06-16T23:59:59.999+08:00', timeliness: 'met',
    },
    review: { requestedAt: '2026-06-12T09:00:00+08:00', reason: '不满意', decidedByOrgId: 'SB-1', reviewerOrgId: 'BR-1', decision: null },
    followUps: [
      { attempt: 1, at: '2026-06-09T08:00:00+08:00', reached: false, score: null, decisionAccepted: null, comment: null },
      { attempt: 2, at: '2026-06-10T08:00:00+08:00', reached: true, score: 2, decisionAccepted: false, comment: null },
    ],
    repeatOf: null, mergedInto: null, mergedFrom: [], createdAt: '2026-06-01T08:00:00+08:00', updatedAt: '2026-06-12T09:00:00+08:00',
    timeline: [],
  });

describe('complaintToRow: the record in the export shape', () => {
  it('fills every field of the export shape from a whole record, except the raw numbers it must never carry', () => {
    const row = ComplaintRow.parse(complaintToRow(record()));
    expect(row).toEqual({
      id: 'CK20260601-900001',
      status: 'under_review',
      receivedAt: '2026-06-01T08:00:00+08:00',
      updatedAt: '2026-06-12T09:00:00+08:00',
      intakeChannel: 'regulator_transfer',
      businessCategory: 'B0302',
      severity: 'sensitive',
      customerId: 'C-9',
      phoneHash: H1,
      idNumberHash: H2,
      priorityGroups: [{ group: 'elderly', basis: 'verified' }],
      decisionDueAt: null,
      respondedAt: '2026-06-08T09:00:00+08:00',
      followUpAt: '2026-06-10T08:00:00+08:00',
      satisfactionScore: 2,
      decisionAccepted: false,
      // From the review beside the decision, though the timeline here is empty.
      reviewRequestedAt: '2026-06-12T09:00:00+08:00',
    });
    const filled = COMPLAINT_ROW_FIELDS.filter((f) => row[f] !== undefined);
    expect(COMPLAINT_ROW_FIELDS.filter((f) => !filled.includes(f))).toEqual(['phone', 'idNumber', 'cardNumber']);
  });

  it('carries identity hashes only for a verified identity: a customer is never linked by what someone typed', () => {
    const row = complaintToRow(record({ identityVerified: false }));
    expect([row.phoneHash, row.idNumberHash]).toEqual([null, null]);
  });
});

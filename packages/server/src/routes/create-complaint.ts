import { ForbiddenError } from '@complaintkit/core';
import { actorRole, type Complaint, complaintNumber, ENDPOINTS, KnownRegionCode, REGISTER_ROLES, registerComplaint } from '@complaintkit/core/domain';
import * as z from 'zod/mini';
import type { Context } from 'hono';
import { scopeOf } from '../auth/caller.js';
import type { AppEnv } from '../http/env.js';
import { idempotencyKeyOf, requestHash } from '../http/idempotency.js';
import { badRequest, HttpProblem, ruleViolation } from '../http/problem.js';
import { assertDatesInBounds } from '../http/date-bounds.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import { mayWrite, roleMayTake } from '../policy/access.js';
import { customerRegistrationProblems } from '../policy/customer-registration.js';
import { handlingOrganisationFor } from '../policy/handling-organisation.js';
import { isVisible } from '../policy/visibility.js';
import type { ComplaintRecord, StaffWithOrganisation } from '../store/store.js';
import type { ResolvedDeps } from './deps.js';
import { knownTo } from './known-to.js';
import { replayAsNow, sendResult } from './respond.js';
import { warnIfSensitive } from './sensitive-warning.js';
import { requestHeader } from '../http/request-header.js';

/** @internal the region code a registration gives, checked against the GB/T 2260 list (the service's check, not the client's). */
const KNOWN_REGION = z.object({ regionCode: KnownRegionCode });

/**
 * Whether a request's staff check is left to its write (`authenticate`'s `deferStaffCheck`): a keyed
 * registration, the outbox's request. On PostgreSQL its key lookup reads the staff record in the same
 * statement, one round trip less per creation; the app defers it with its own store on PostgreSQL
 * only (on SQLite there is no round trip to save). A store that does not run the check leaves it to
 * the route, which runs it first thing inside the write.
 *
 * @example
 * ```ts
 * authenticate(store, secret, Date.now, { deferStaffCheck: defersStaffCheck });
 * ```
 */
export const defersStaffCheck = (c: Context<AppEnv>): boolean =>
  c.req.method === 'POST' && c.req.path === ENDPOINTS.createComplaint.path && requestHeader(c, 'idempotency-key') !== undefined;

/**
 * `POST /v1/complaints`: registers a complaint through core's `registerComplaint` (the caller becomes
 * its first responder) and stores it with its first event and idempotency record in one transaction.
 * A customer's registration is always their own (`complainant.customerId` = token subject). With an
 * `Idempotency-Key` the creation is exactly-once for as long as the complaint exists: the key is kept
 * with it, beyond the idempotency records' expiry.
 *
 * @example
 * ```ts
 * app.post('/v1/complaints', (c) => createComplaint(c, deps));
 * ```
 */
export async function createComplaint(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  // With a deferred staff check (see defersStaffCheck) the caller is the token's until the write has
  // checked it (then the record's, with its organisation): everything below the write reads it then.
  let caller = c.get('caller');
  const check = c.get('staffCheck');
  // Refused by role before the body is read: an auditor's nonsense is a 403, not a 400.
  if (!mayWrite(caller)) throw new HttpProblem(403, 'forbidden', 'auditors read complaints and never change them');
  if (!roleMayTake(caller, 'register')) {
    throw new ForbiddenError({
      code: 'role_not_allowed',
      action: 'register',
      complaintStatus: null,
      detail: `the ${actorRole(caller.actor)} role may not register complaints; allowed: ${REGISTER_ROLES.join(', ')}`,
    });
  }
  const key = idempotencyKeyOf(requestHeader(c, 'idempotency-key'));
  const raw = await readJsonBody(c);
  const input = parseOr400(ENDPOINTS.createComplaint.body, raw);
  // The list is the service's to check (the client's schema checks the format only): docs/domain/taxonomy.md.
  if (input.regionCode != null) parseOr400(KNOWN_REGION, { regionCode: input.regionCode });
  assertDatesInBounds(ENDPOINTS.createComplaint.body, input, deps.dateBounds, deps.now());
  // What only the bank records (channel, regulator's reference, receipt, severity) is refused from a customer, naming each field.
  const customerProblems = customerRegistrationProblems(caller, input);
  if (customerProblems.length > 0) throw badRequest(customerProblems);
  if (caller.actor.kind === 'customer') input.complainant = { ...input.complainant, customerId: caller.actor.id };

  // The key is kept with the complaint, so a retry from an outbox that waited past the idempotency
  // records' 24 h still finds the complaint it created (as the caller would read it now).
  const idem =
    key === undefined
      ? undefined
      : {
          scope: scopeOf(caller),
          key,
          requestHash: requestHash('POST', c.req.path, raw),
          creation: (record: ComplaintRecord) => replayAsNow(caller, 201)(record),
        };
  const result = await deps.store.mutate(idem, async (tx) => {
    if (check !== undefined && !check.settled) {
      // A store that did not run MutateOptions.staffCheck: the token is checked here, inside the
      // write and before anything is read or written for it (a refusal rolls the write back).
      const staff = await tx.getStaff(check.id);
      caller = check.settle(staff && { staff, organisation: await tx.getOrganisation(staff.orgId) });
    }
    if (input.repeatOf !== undefined) {
      const earlier = await tx.getComplaint(input.repeatOf);
      if (!earlier || !isVisible(caller.visibility, earlier)) throw ruleViolation('repeatOf', 'no such complaint among those you may see');
    }
    const handlingOrgId = await handlingOrganisationFor(tx, caller, input);
    if (handlingOrgId === null) throw badRequest([{ path: 'handlingOrgId', message: 'no such organisation within your organisation' }]);
    const handlingOrg = await tx.getOrganisation(handlingOrgId);
    if (input.subjectOrgId !== undefined && !(await tx.getOrganisation(input.subjectOrgId))) {
      throw ruleViolation('subjectOrgId', 'no such organisation');
    }
    const now = deps.now();
    const { complaintNumber: number, eventSeq: seq } = await tx.nextCreationNumbers();
    const id = complaintNumber(input.receivedAt ? Date.parse(input.receivedAt) : now, number);
    const complaint = registerComplaint(input, {
      actor: caller.actor,
      now,
      seq,
      id,
      handlingOrgId,
      ...(handlingOrg && { handlingOrg }),
      ...(deps.hashIdentity && { hashIdentity: deps.hashIdentity }),
      ...(deps.clock && { clock: deps.clock }),
    });
    await tx.insertComplaint(complaint);
    return { status: 201, body: complaint };
  }, {
    ...knownTo(caller),
    // The customer's lock in the write's first statement (PostgreSQL): its repeat flags are decided seeing the customer's concurrent registrations.
    customerKeys: [input.complainant.customerId],
    ...(check && {
      staffCheck: {
        id: check.id,
        verify: (found: StaffWithOrganisation | undefined) => {
          caller = check.settle(found);
        },
      },
    }),
  });
  if (!result.replayed && result.status === 201) await warnIfSensitive(deps, result.body as Complaint);
  return sendResult(c, result);
}

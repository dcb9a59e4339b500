import { type Complaint, ComplaintCreate, applyAction, registerComplaint } from '@complaintkit/core/domain';
import type { LifePlan } from './lives.js';
import type { ComplaintSpec } from './specs.js';

/**
 * Gives every planned step its place in the service's global event sequence and builds each
 * complaint with core's `registerComplaint` and `applyAction`, so every timeline is one the
 * lifecycle allows and every deadline is the one the clock computes. Sequence numbers increase with
 * event time across all complaints (ties broken by complaint, then by step), which is what the SSE
 * stream and `Last-Event-ID` resumption rely on.
 *
 * @example
 * ```ts
 * const complaints = realise(specs, plans);
 * complaints[0].timeline[0].type; // 'register'
 * ```
 */
export function realise(specs: readonly ComplaintSpec[], plans: readonly LifePlan[]): Complaint[] {
  // Number the steps in time order: sort (time, complaint, step) triples packed into one array.
  let total = 0;
  for (const p of plans) total += p.steps.length;
  const at = new Float64Array(total);
  const owner = new Uint32Array(total);
  const index = new Uint32Array(total);
  const offsets: number[] = [];
  let k = 0;
  plans.forEach((p, ci) => {
    offsets.push(k);
    p.steps.forEach((s, si) => {
      at[k] = s.at;
      owner[k] = ci;
      index[k] = si;
      k++;
    });
  });
  const order = Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => (at[a] as number) - (at[b] as number) || (owner[a] as number) - (owner[b] as number) || (index[a] as number) - (index[b] as number));
  const seqOf = new Uint32Array(total);
  order.forEach((slot, n) => {
    seqOf[slot] = n + 1;
  });

  const complaints = specs.map((spec, ci) => {
    const plan = plans[ci] as LifePlan;
    const base = offsets[ci] as number;
    const [first, ...rest] = plan.steps;
    if (first?.action !== 'register') throw new Error(`seed plan for ${spec.id} does not start with its registration`);
    const input = ComplaintCreate.parse({
      intakeChannel: spec.intake,
      ...(spec.regulatorReference ? { regulatorReference: spec.regulatorReference } : {}),
      businessChannel: spec.channel,
      businessCategory: spec.business,
      cause: spec.cause,
      description: spec.description,
      ...(spec.requestedResolution ? { requestedResolution: spec.requestedResolution } : {}),
      attachments: spec.attachments,
      regionCode: spec.regionCode,
      ...(spec.subjectStaffId ? { subjectStaffId: spec.subjectStaffId } : {}),
      complainant: spec.complainant,
      handlingOrgId: spec.registerOrgId,
      receivedAt: new Date(spec.receivedAt).toISOString(),
      ...(spec.repeatOf ? { repeatOf: spec.repeatOf } : {}),
    });
    let complaint = registerComplaint(input, {
      actor: first.actor,
      now: first.at,
      seq: seqOf[base] as number,
      id: spec.id,
      handlingOrgId: spec.registerOrgId,
    });
    rest.forEach((s, i) => {
      if (s.action === 'register') throw new Error(`seed plan for ${spec.id} registers twice`);
      complaint = applyAction(complaint, s.action, s.body, { actor: s.actor, now: s.at, seq: seqOf[base + i + 1] as number });
    });
    return complaint;
  });
  // The target of a merge lists what was merged into it (docs/domain/lifecycle.md), as the service does live.
  const byId = new Map(complaints.map((c, i) => [c.id, i]));
  for (const c of complaints) {
    const at = c.mergedInto === null ? undefined : byId.get(c.mergedInto);
    if (at !== undefined) {
      const target = complaints[at] as Complaint;
      complaints[at] = { ...target, mergedFrom: [...target.mergedFrom, c.id] };
    }
  }
  return complaints;
}

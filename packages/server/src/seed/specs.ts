import {
  type Actor,
  type AttachmentMeta,
  type BusinessCategoryCode,
  type BusinessChannelCode,
  type ComplainantInput,
  type ComplaintCauseCode,
  type ComplaintStatus,
  complaintNumber,
  type IntakeChannelCode,
  majorBusinessClass,
  type Organisation,
  type Severity,
} from '@complaintkit/core/domain';
import { SELF_SERVICE_CHANNELS } from '../policy/customer-registration.js';
import type { Customer, CustomerPool } from './customers.js';
import { CREDIT_CARD_CENTRE_ID, REMOTE_BANKING_CENTRE_ID } from './organisations.js';
import { fakeMobile, fakeName } from './people.js';
import type { Rng } from './prng.js';
import { BRANCH_LEVEL_HANDLING, BUSINESS_SHARES, INTAKE_SHARES, RATES, causeSharesFor, channelSharesFor } from './shares.js';
import { type StaffDirectory, type StaffMember, staffActor } from './staff.js';
import { describe, requestedResolution } from './texts.js';
import { DAY, compactLocalDate } from './time.js';

/**
 * How a complaint's life is steered away from the random course: for the demo customer's showcase
 * complaints, for live work in the last weeks, and for the few left overdue.
 *
 * @example
 * ```ts
 * const script: LifeScript = { stallAt: 'in_progress' };
 * ```
 */
export interface LifeScript {
  /** Nothing happens after the complaint first reaches this state. */
  readonly stallAt?: ComplaintStatus;
  /** No decline, merge, transfer, late decision, hold, extension, review or reopen unless asked for. */
  readonly plain?: boolean;
  readonly hold?: boolean;
  readonly escalate?: boolean;
  readonly withdraw?: boolean;
  /** Days from receipt to the decision. */
  readonly responseDays?: readonly [number, number];
  readonly outcome?: 'upheld' | 'partly_upheld' | 'not_upheld';
  readonly satisfaction?: number;
  /** Ask for a review (核查) this many days after the decision. */
  readonly reviewAfterDays?: readonly [number, number];
}

/**
 * Everything about one complaint that is decided before its life starts: who, what, where, how it
 * came in, who registers it, and where it is handled.
 *
 * @example
 * ```ts
 * const spec = specs.next(Date.parse('2026-03-01T01:00:00Z'));
 * spec.id; // 'CK20260301-000001'
 * ```
 */
export interface ComplaintSpec {
  readonly index: number;
  readonly id: string;
  readonly receivedAt: number;
  readonly customer: Customer | null;
  readonly complainant: ComplainantInput;
  readonly business: BusinessCategoryCode;
  readonly cause: ComplaintCauseCode;
  readonly channel: BusinessChannelCode;
  readonly intake: IntakeChannelCode;
  readonly regulatorReference?: string;
  readonly description: string;
  readonly requestedResolution?: string;
  readonly attachments: readonly AttachmentMeta[];
  readonly regionCode: string | null;
  /** Where the complaint is handled (属地管理): a centre, branch or sub-branch. */
  readonly handlingOrgId: string;
  /** The first responder (首问负责) and the organisation that holds the complaint at registration. */
  readonly registrar: Actor;
  readonly registerOrgId: string;
  readonly subjectStaffId?: string;
  /** The severity it is escalated with (包案), or `normal`. */
  readonly severity: Severity;
  readonly repeatOf: string | null;
  readonly mergeInto: string | null;
  /** The handler to assign, when the demo needs a particular one. */
  readonly handlerId?: string;
  readonly script?: LifeScript;
}

/**
 * A showcase complaint of the demo customer, fixed rather than drawn.
 *
 * @example
 * ```ts
 * const d: DemoComplaint = { business: 'B01', cause: 'C03', intake: 'outlet', handlingOrgId: 'BR-11', script: { stallAt: 'in_progress' } };
 * ```
 */
export interface DemoComplaint {
  readonly business: BusinessCategoryCode;
  readonly cause: ComplaintCauseCode;
  readonly channel?: BusinessChannelCode;
  readonly intake: IntakeChannelCode;
  readonly handlingOrgId: string;
  readonly registrar?: StaffMember;
  readonly handlerId?: string;
  readonly script: LifeScript;
}

/** What the spec builder needs to know about earlier complaints. @internal */
interface Earlier {
  readonly index: number;
  readonly id: string;
  readonly receivedAt: number;
  readonly customer: Customer | null;
  readonly business: BusinessCategoryCode;
}

const SENSITIVE_INTAKE: ReadonlySet<IntakeChannelCode> = new Set(['petition', 'public_opinion', 'regulator_transfer', 'consumer_association']);

/**
 * The system actor that imports regulator transfers (12378 / 12363).
 *
 * @example
 * ```ts
 * REGULATOR_IMPORT.kind; // 'system'
 * ```
 */
export const REGULATOR_IMPORT: Actor = { kind: 'system', id: 'sys-regulator-import' };

/**
 * Draws complaint specs in receipt order. Order matters: repeats point back at earlier complaints of
 * the same customer and B major class within the repeat window (docs/domain/metrics.md), and every other
 * complaint is given a customer for whom it is *not* a repeat, so the `repeatOf` links and the
 * repeat rule agree.
 *
 * @example
 * ```ts
 * const specs = new SpecBuilder(rng, dir, pool, homes);
 * const first = specs.next(receivedAt);
 * ```
 */
export class SpecBuilder {
  private readonly earlier: Earlier[] = [];
  private readonly byCustomer = new Map<string, Earlier[]>();
  private readonly openUntil = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly dir: StaffDirectory,
    private readonly customers: CustomerPool,
    private readonly homes: readonly (readonly [Organisation, number])[],
    /** The demo's handler, who takes most of the complaints their branch handles itself. */
    private readonly demoHandler?: StaffMember,
  ) {}

  /** Records when a complaint stops being open for a merge (its decision or end), once its life is planned. */
  settle(id: string, openUntil: number): void {
    this.openUntil.set(id, openUntil);
  }

  /**
   * The next complaint, received at `receivedAt` (not before the previous one). With `demo`, it is
   * one of the demo customer's showcase complaints; `script` steers a drawn one.
   */
  next(receivedAt: number, demo?: { customer: Customer; complaint: DemoComplaint }, script?: LifeScript): ComplaintSpec {
    const { rng } = this;
    const index = this.earlier.length;
    const id = complaintNumber(receivedAt, index + 1);

    let customer: Customer | null;
    let business: BusinessCategoryCode;
    let repeatOf: Earlier | null = null;
    if (demo) {
      customer = demo.customer;
      business = demo.complaint.business;
      repeatOf = this.latestSameClass(customer, business, receivedAt);
    } else {
      const repeated = rng.chance(RATES.repeat) ? this.repeatCandidate(receivedAt) : null;
      if (repeated) {
        customer = repeated.customer;
        business = rng.chance(0.85) ? repeated.business : this.sibling(repeated.business);
        repeatOf = this.latestSameClass(customer as Customer, business, receivedAt);
      } else {
        business = rng.weighted(BUSINESS_SHARES);
        customer = this.freshOrReturning(business, receivedAt);
      }
    }
    const cause = demo?.complaint.cause ?? rng.weighted(causeSharesFor(business));
    const channel = demo?.complaint.channel ?? rng.weighted(channelSharesFor(business));
    let intake = demo?.complaint.intake ?? rng.weighted(INTAKE_SHARES);
    // Self-service channels need a customer login.
    if (customer === null && SELF_SERVICE_CHANNELS.has(intake)) intake = 'hotline';

    // Where it is handled (属地管理): credit cards at the credit-card centre, app faults sometimes at
    // the remote-banking centre, everything else where the customer banks.
    const home = customer ? this.dir.org(customer.homeOrgId) : rng.weighted(this.homes);
    let handlingOrgId: string;
    let regionCode: string | null;
    if (demo) {
      handlingOrgId = demo.complaint.handlingOrgId;
      regionCode = this.dir.org(handlingOrgId).regionCode === null ? null : home.regionCode;
    } else if (business === 'B0302' && rng.chance(RATES.creditCardToCentre)) {
      handlingOrgId = CREDIT_CARD_CENTRE_ID;
      regionCode = null;
    } else if (channel === 'A010303' && cause === 'C02' && rng.chance(0.35)) {
      handlingOrgId = REMOTE_BANKING_CENTRE_ID;
      regionCode = null;
    } else {
      const parentId = home.parentId as string;
      handlingOrgId = rng.chance(BRANCH_LEVEL_HANDLING[parentId] ?? BRANCH_LEVEL_HANDLING.default) ? parentId : home.id;
      regionCode = home.regionCode;
    }

    const { registrar, registerOrgId } = demo?.complaint.registrar
      ? { registrar: staffActor(demo.complaint.registrar), registerOrgId: handlingOrgId }
      : this.registrarFor(intake, handlingOrgId, home, customer);

    let severity: Severity = 'normal';
    if (!demo) {
      const boost = SENSITIVE_INTAKE.has(intake) ? 5 : 1;
      const r = rng.next();
      if (r < RATES.major * boost) severity = 'major';
      else if (r < (RATES.major + RATES.sensitive) * boost) severity = 'sensitive';
      else if (r < (RATES.major + RATES.sensitive + RATES.complex) * boost) severity = 'complex';
    }
    if (script?.escalate && severity === 'normal') severity = 'complex';

    // The staff member complained about, for service-attitude complaints at an outlet (回避 applies).
    let subjectStaffId: string | undefined;
    if (cause === 'C01' && (intake === 'outlet' || channel === 'A0101') && rng.chance(0.5)) {
      const outletStaff = [home.id, ...this.dir.childrenOf(home.id)].flatMap((o) => this.dir.at(o, 'frontline')).filter((s) => s.id !== registrar.id);
      if (outletStaff.length > 0) subjectStaffId = rng.pick(outletStaff).id;
    }

    const mergeInto =
      !demo && !script && repeatOf && (this.openUntil.get(repeatOf.id) ?? 0) > receivedAt && rng.chance(RATES.mergeOpenRepeat)
        ? repeatOf.id
        : null;

    const spec: ComplaintSpec = {
      index,
      id,
      receivedAt,
      customer,
      complainant: this.complainantOf(customer, business),
      business,
      cause,
      channel,
      intake,
      ...(intake === 'regulator_transfer' ? { regulatorReference: this.regulatorReference(receivedAt) } : {}),
      description: describe(rng, business, cause),
      ...optional('requestedResolution', requestedResolution(rng, cause)),
      attachments: this.attachmentsFor(cause),
      regionCode,
      handlingOrgId,
      registrar,
      registerOrgId,
      ...optional('subjectStaffId', subjectStaffId),
      severity,
      repeatOf: repeatOf?.id ?? null,
      mergeInto,
      ...optional('handlerId', demo ? demo.complaint.handlerId : this.demoHandlerFor(handlingOrgId)),
      ...optional('script', demo?.complaint.script ?? script),
    };
    this.remember({ index, id, receivedAt, customer, business });
    return spec;
  }

  private remember(e: Earlier): void {
    this.earlier.push(e);
    if (!e.customer) return;
    const list = this.byCustomer.get(e.customer.id);
    if (list) list.push(e);
    else this.byCustomer.set(e.customer.id, [e]);
  }

  /** The latest earlier complaint of this customer in the same B major class within the window. */
  private latestSameClass(customer: Customer, business: BusinessCategoryCode, at: number): Earlier | null {
    const list = this.byCustomer.get(customer.id) ?? [];
    const major = majorBusinessClass(business);
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i] as Earlier;
      if (at - e.receivedAt > RATES.repeatWindowDays * DAY) break;
      if (majorBusinessClass(e.business) === major) return e;
    }
    return null;
  }

  /** An earlier complaint within the window whose customer (not the demo customer) complains again. */
  private repeatCandidate(at: number): Earlier | null {
    // Binary search for the first complaint inside the window.
    let lo = 0;
    let hi = this.earlier.length;
    const from = at - RATES.repeatWindowDays * DAY;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.earlier[mid] as Earlier).receivedAt < from) lo = mid + 1;
      else hi = mid;
    }
    for (let attempt = 0; attempt < 5 && lo < this.earlier.length; attempt++) {
      const e = this.earlier[this.rng.int(lo, this.earlier.length - 1)] as Earlier;
      if (e.customer && e.customer.id !== this.customers.get(1).id) return e;
    }
    return null;
  }

  /** Another category of the same B major class, when there is one. */
  private sibling(business: BusinessCategoryCode): BusinessCategoryCode {
    const major = majorBusinessClass(business);
    const options = BUSINESS_SHARES.filter(([b]) => majorBusinessClass(b) === major);
    return this.rng.weighted(options);
  }

  /** A customer for whom this complaint is not a repeat: usually a new one, sometimes one who complained before about something else. */
  private freshOrReturning(business: BusinessCategoryCode, at: number): Customer | null {
    if (this.rng.chance(RATES.nonCustomer)) return null;
    if (this.rng.chance(RATES.returningCustomer)) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const c = this.customers.returning(this.rng);
        if (c && this.latestSameClass(c, business, at) === null) return c;
      }
    }
    return this.customers.fresh();
  }

  /** Who registers the complaint (the first responder, 首问负责) and where it sits at registration. */
  private registrarFor(
    intake: IntakeChannelCode,
    handlingOrgId: string,
    home: Organisation,
    customer: Customer | null,
  ): { registrar: Actor; registerOrgId: string } {
    const { rng, dir } = this;
    if (intake === 'hotline') {
      // The credit-card centre runs its own hotline; everything else comes in through the remote-banking centre.
      const orgId = handlingOrgId === CREDIT_CARD_CENTRE_ID ? CREDIT_CARD_CENTRE_ID : REMOTE_BANKING_CENTRE_ID;
      return { registrar: staffActor(rng.pick(dir.at(orgId, 'frontline'))), registerOrgId: orgId };
    }
    if (SELF_SERVICE_CHANNELS.has(intake) && customer) return { registrar: { kind: 'customer', id: customer.id }, registerOrgId: handlingOrgId };
    if (intake === 'regulator_transfer') return { registrar: REGULATOR_IMPORT, registerOrgId: handlingOrgId };
    if (intake === 'outlet' || intake === 'staff_mobile') {
      // Staff at the customer's sub-branch or one of its outlets.
      const outlets = [home.id, ...dir.childrenOf(home.id)];
      const staff = outlets.flatMap((o) => dir.at(o, 'frontline'));
      return { registrar: staffActor(rng.pick(staff)), registerOrgId: handlingOrgId };
    }
    // Letters, e-mail, petitions, media and consumer associations reach the handling organisation's consumer-protection staff.
    return { registrar: staffActor(rng.pick(dir.nearest(handlingOrgId, 'frontline'))), registerOrgId: handlingOrgId };
  }

  private complainantOf(customer: Customer | null, business: BusinessCategoryCode): ComplainantInput {
    const { rng } = this;
    if (!customer) return { name: fakeName(rng), phone: fakeMobile(rng), priorityGroups: [] };
    const card =
      business === 'B0302' ? customer.creditCard : business === 'B0301' || business === 'B01' || business === 'B04' ? customer.debitCard : undefined;
    const elderly = customer.priorityGroups.some((g) => g.group === 'elderly');
    return {
      name: customer.name,
      phone: customer.phone,
      customerId: customer.id,
      ...(rng.chance(RATES.withIdNumber) ? { idNumber: customer.idNumber } : {}),
      ...(card && rng.chance(RATES.withCardNumber) ? { cardNumber: card } : {}),
      ...(rng.chance(elderly ? 0.2 : RATES.represented)
        ? {
            representative: {
              name: fakeName(rng),
              relation: rng.weighted([['agent', 8], ['heir', 1], ['legal_representative', 1]] as const),
              powerOfAttorney: true,
            },
          }
        : {}),
      priorityGroups: customer.priorityGroups.map((g) => ({ ...g })),
    };
  }

  /** The demo handler for most complaints their organisation handles, so the demo has a full queue. */
  private demoHandlerFor(handlingOrgId: string): string | undefined {
    const h = this.demoHandler;
    return h && h.orgId === handlingOrgId && this.rng.chance(0.65) ? h.id : undefined;
  }

  /** Screenshots and statements some complainants send along (metadata only). */
  private attachmentsFor(cause: ComplaintCauseCode): AttachmentMeta[] {
    const { rng } = this;
    if (!rng.chance(cause === 'C09' || cause === 'C11' || cause === 'C12' ? 0.35 : 0.08)) return [];
    const files: AttachmentMeta[] = [{ name: '交易截图.jpg', contentType: 'image/jpeg', size: rng.int(80_000, 2_400_000) }];
    if (rng.chance(0.3)) files.push({ name: '情况说明.pdf', contentType: 'application/pdf', size: rng.int(40_000, 900_000) });
    return files;
  }

  /** A regulator's transfer number: 12378 (NFRA) or 12363 (PBOC), the date and a serial. */
  private regulatorReference(at: number): string {
    const line = this.rng.chance(0.7) ? '12378' : '12363';
    return `${line}-${compactLocalDate(at)}-${String(this.rng.int(1, 999_999)).padStart(6, '0')}`;
  }
}

/** `{ [key]: value }` when the value is defined, else `{}` (keeps optional fields absent, not undefined). @internal */
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

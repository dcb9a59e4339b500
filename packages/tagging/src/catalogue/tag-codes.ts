import type { BusinessCategoryCode, PriorityGroup } from '@complaintkit/core/domain';

/**
 * A retail-customer label the CRM receives, derived from complaints (docs/domain/tags.md).
 * A retired code is never reused: retire it and define a new one.
 *
 * @example
 * ```ts
 * const def: TagDefinition = TAG_DEFINITIONS[0];
 * ```
 */
export interface TagDefinition {
  /** Stable code; parameterised codes end in `:` and take a suffix (`recent_complaint:B0302`). */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** `true` for a family of codes with a parameter (business type, group, level). */
  readonly parameterised: boolean;
  /** Retired codes stay listed so that they are never issued again. */
  readonly retired: boolean;
}

/**
 * The label catalogue. Complaint-derived tags only; each rule that assigns them versions itself.
 *
 * @example
 * ```ts
 * TAG_DEFINITIONS.map((d) => d.code);
 * ```
 */
export const TAG_DEFINITIONS: readonly TagDefinition[] = [
  { code: 'repeat_complainer', zh: '重复投诉客户', en: 'Repeat complainer', parameterised: false, retired: false },
  { code: 'recent_complaint:', zh: '近期投诉（按业务类别）', en: 'Recent complaint (by business type)', parameterised: true, retired: false },
  { code: 'dissatisfied_after_response', zh: '答复后不满意', en: 'Dissatisfied after response', parameterised: false, retired: false },
  { code: 'regulator_referred', zh: '监管转办', en: 'Referred by the regulator', parameterised: false, retired: false },
  { code: 'sensitive_case', zh: '敏感案件', en: 'Sensitive case', parameterised: false, retired: false },
  { code: 'priority_group:', zh: '优先服务群体', en: 'Priority group', parameterised: true, retired: false },
  { code: 'open_overdue_complaint', zh: '存在超期未办结投诉', en: 'Open overdue complaint', parameterised: false, retired: false },
  { code: 'churn_risk:', zh: '流失风险', en: 'Churn risk', parameterised: true, retired: false },
];

/** The parameter each parameterised family takes. @example `const p: TagParameter<'churn_risk:'> = 'high';` */
export type TagParameter<F extends string> = F extends 'recent_complaint:'
  ? BusinessCategoryCode
  : F extends 'priority_group:'
    ? PriorityGroup
    : F extends 'churn_risk:'
      ? 'low' | 'medium' | 'high'
      : never;

/**
 * Builds a concrete tag code and checks it against the catalogue: an unknown or retired family is an
 * error that says which codes exist.
 *
 * @example
 * ```ts
 * tagCode('recent_complaint:', 'B0302'); // 'recent_complaint:B0302'
 * tagCode('repeat_complainer');          // 'repeat_complainer'
 * ```
 */
export function tagCode<F extends string>(family: F, parameter?: TagParameter<F>): string {
  const def = TAG_DEFINITIONS.find((d) => d.code === family);
  if (!def || def.retired) {
    const live = TAG_DEFINITIONS.filter((d) => !d.retired).map((d) => d.code);
    throw new TypeError(`unknown or retired tag code "${family}"; live codes: ${live.join(', ')}`);
  }
  if (def.parameterised !== (parameter !== undefined)) {
    throw new TypeError(
      def.parameterised ? `tag code "${family}" needs a parameter` : `tag code "${family}" takes no parameter`,
    );
  }
  if (parameter === undefined) return family;
  // One string per code, shared by every tag that carries it (a full build holds hundreds of thousands).
  const code = `${family}${parameter}`;
  const known = CODES.get(code);
  if (known !== undefined) return known;
  CODES.set(code, code);
  return code;
}

/** @internal the parameterised codes issued so far (bounded: parameters are checked enum values). */
const CODES = new Map<string, string>();

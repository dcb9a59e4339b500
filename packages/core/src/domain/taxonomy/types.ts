/**
 * A node of one of the classification trees (JR/T 0169-2018 dimension A, B or C, or the intake channel).
 *
 * @example
 * ```ts
 * const node: TaxonomyNode = { code: 'B0302', parent: 'B03', zh: '信用卡', en: 'Credit card', official: null };
 * ```
 */
export interface TaxonomyNode<Code extends string = string> {
  /** Stable ComplaintKit code. Never reused once retired. */
  readonly code: Code;
  /** Code of the parent class, or `null` for a major class. */
  readonly parent: string | null;
  /** Label in Simplified Chinese (zh-CN). */
  readonly zh: string;
  /** Label in English. */
  readonly en: string;
  /**
   * The regulator's official code once it is mapped. JR/T 0169-2018's exact code values are not
   * public here, so this stays `null` until a bank maps it.
   */
  readonly official: string | null;
}

/** A label language the taxonomy carries. @example `const l: Locale = 'zh-CN';` */
export type Locale = 'zh-CN' | 'en';

/** @internal builds a node; keeps the data tables short. */
export const node = <C extends string>(code: C, parent: string | null, zh: string, en: string): TaxonomyNode<C> => ({
  code,
  parent,
  zh,
  en,
  official: null,
});

/** @internal the parent of a hierarchical code: `A010301` → `A0103`, `B0201` → `B02`, `B01` → `null`. */
export const parentOf = (code: string): string | null => (code.length > 3 ? code.slice(0, -2) : null);

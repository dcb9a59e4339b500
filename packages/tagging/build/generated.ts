// What the package ships pre-checked, made and checked at build time (tsup.config.ts) and by a test
// (test/generated.test.ts), so that a run loads neither zod nor core's domain schemas to get them.
import { isDeepStrictEqual } from 'node:util';
import { compileCheckSource } from '../src/input/compiled-check.js';
import { ComplaintRow } from '../src/input/complaint-row-schema.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { RuleSet } from '../src/rules/schema.js';

/** The file the complaint-row check is written to, from the package's folder. */
export const ROW_CHECK_FILE = 'src/input/complaint-row-check.generated.ts';

/** The complaint-row check's module source, generated from {@link ComplaintRow}. */
export function rowCheckSource(): string {
  const source = compileCheckSource(ComplaintRow, 'complaintRowCheck');
  if (source === null) throw new Error('ComplaintRow has a part compileCheck cannot compile: keep it compilable (see compiled-check.ts)');
  return `// biome-ignore-all lint: generated code\n${source}`;
}

/** Throws unless the built-in rules are exactly what the rule schema makes of them (defaults filled). */
export function checkBuiltInRules(): void {
  const parsed = RuleSet.safeParse(BUILT_IN_RULES);
  if (!parsed.success) throw new Error(`BUILT_IN_RULES is not a valid rule set: ${parsed.error.message}`);
  // Key order too: the state records a digest of the rules' JSON.
  if (!isDeepStrictEqual(parsed.data, BUILT_IN_RULES) || JSON.stringify(parsed.data) !== JSON.stringify(BUILT_IN_RULES)) {
    throw new Error(`BUILT_IN_RULES differs from RuleSet.parse(BUILT_IN_RULES): write it as ${JSON.stringify(parsed.data)}`);
  }
}

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError, issuesToInputError } from '../input/errors.js';
import { RuleSet, type RuleSetInput } from './schema.js';

/**
 * Checks a rule set given as a TypeScript object (or parsed JSON), applying defaults. Throws an
 * {@link InputError} naming the bad field.
 *
 * @example
 * ```ts
 * const rules = defineRules({ version: '2026.11', rules: [{ kind: 'repeat_complainer', version: 2, minComplaints: 4 }] });
 * ```
 */
export function defineRules(input: RuleSetInput, source = 'rules'): RuleSet {
  const parsed = RuleSet.safeParse(input);
  if (!parsed.success) throw issuesToInputError(source, null, parsed.error.issues);
  return parsed.data;
}

/**
 * Reads a rule set from a `.json`, `.yaml` or `.yml` file and checks it. Errors name the file, the line
 * (for syntax errors) and the field.
 *
 * @example
 * ```ts
 * const rules = await loadRules('tag-rules.yaml');
 * ```
 */
export async function loadRules(file: string): Promise<RuleSet> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new InputError(file, null, null, `cannot read the rule file (${e.code ?? e.message})`);
  });
  let data: unknown;
  const ext = extname(file).toLowerCase();
  try {
    // The YAML parser is loaded only for a YAML rule file.
    data = ext === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text, { prettyErrors: true });
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? null;
    throw new InputError(file, line, null, `not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return defineRules(data as RuleSetInput, file);
}

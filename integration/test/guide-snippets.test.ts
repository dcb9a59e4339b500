/**
 * The TypeScript in the guides and the package READMEs is what a newcomer copies first, so it must
 * still fit the packages' API. Each ```ts block is compiled alone against the built packages
 * (`pnpm -r build` first). A block may use names an earlier block or the reader's app defines
 * (`client`, `token`, …), so undefined names and the implicit `any`s they cause are let pass; what
 * fails is API drift: a missing export or module, a property or option the API does not have, an
 * argument of the wrong type or count. (Found by the outside check: the CRM guide's `writeExport`
 * call lacked the required `timeRange` and `watermark`.)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = [
  ...readdirSync(join(ROOT, 'docs/guides')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs/guides', f)),
  ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'README.md')),
];
/** Type errors that mean the snippet no longer fits the API (rather than a name defined elsewhere). */
const DRIFT = new Set([2305, 2307, 2322, 2339, 2345, 2353, 2551, 2554, 2555, 2561, 2614, 2724, 2741, 2739, 2740]);

/** Every ```ts block of a Markdown file, with the line it starts on. */
function tsBlocks(markdown: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = [];
  for (const m of markdown.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)) {
    out.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] ?? '' });
  }
  return out;
}

/** Compiles snippets as ES modules against the workspace's packages; the drift errors, by snippet. */
function driftErrors(snippets: { name: string; code: string }[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ck-snippets-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules/@complaintkit'), { recursive: true });
  for (const p of readdirSync(join(ROOT, 'packages'))) symlinkSync(join(ROOT, 'packages', p), join(dir, 'node_modules/@complaintkit', p));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  const files = snippets.map((s, i) => {
    const file = join(dir, `s${i}.ts`);
    writeFileSync(file, s.code);
    return file;
  });
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => DRIFT.has(d.code) && d.file && files.includes(resolve(d.file.fileName)))
    .map((d) => {
      const at = files.indexOf(resolve(d.file?.fileName ?? ''));
      const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 };
      return `${snippets[at]?.name} (+${line + 1}): TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the TypeScript in the guides and READMEs', () => {
  it('fits the packages as built', () => {
    const snippets = DOCS.flatMap((file) => {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return [];
      }
      return tsBlocks(text).map((b) => ({ name: `${relative(ROOT, file)}:${b.line}`, code: b.code }));
    });
    expect(snippets.length).toBeGreaterThan(20);
    expect(driftErrors(snippets)).toEqual([]);
  }, 120_000);

  it('finds drift (so the test above can fail)', () => {
    const errors = driftErrors([
      { name: 'wrong-option', code: "import { writeExport } from '@complaintkit/tagging';\nawait writeExport('s', 'snapshot', [], { dir: 'x', ruleSetVersion: '1' });\n" },
      { name: 'no-export', code: "import { noSuchThing } from '@complaintkit/core';\nnoSuchThing();\n" },
      { name: 'fragment', code: 'await client.complaints.get(id);\n' },
    ]);
    expect(errors.map((e) => e.split(' ')[0])).toEqual(['wrong-option', 'no-export']);
  }, 120_000);
});

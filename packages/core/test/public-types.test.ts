import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The type-level half of "one path per symbol": what the TypeScript compiler sees exported from each
 * entry point of package.json's `exports` (types and values), resolved through every re-export to
 * the declaration it names.
 */
const PKG = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES: Record<string, string> = {
  '@complaintkit/core': 'src/index.ts',
  '@complaintkit/core/domain': 'src/domain.ts',
  '@complaintkit/core/outbox': 'src/outbox.ts',
  '@complaintkit/core/outbox/node': 'src/outbox-node.ts',
  '@complaintkit/core/node': 'src/node.ts',
};

interface Export {
  entry: string;
  name: string;
  /** Where the symbol is declared, `file#name`: one thing, however it is re-exported. */
  id: string;
  /** Declared under `src/domain/`. */
  domain: boolean;
  typeOnly: boolean;
  node: ts.Declaration | undefined;
}

function readExports(): { exports: Export[]; checker: ts.TypeChecker } {
  const config = ts.getParsedCommandLineOfConfigFile(join(PKG, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram(Object.values(ENTRIES).map((f) => join(PKG, f)), { ...config?.options, noEmit: true });
  const checker = program.getTypeChecker();
  const exports: Export[] = [];
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(PKG, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read ${file}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const node = target.declarations?.[0];
      const where = node ? relative(PKG, node.getSourceFile().fileName) : '?';
      const typeOnly = !(target.flags & ts.SymbolFlags.Value) || (exported.declarations ?? []).some((d) => ts.isTypeOnlyExportDeclaration(d));
      exports.push({ entry, name: exported.name, id: `${where}#${target.name}`, domain: where.startsWith('src/domain/'), typeOnly, node });
    }
  }
  return { exports, checker };
}

const { exports, checker } = readExports();
const byId = new Map<string, Export[]>();
for (const e of exports) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);

describe('the public types', () => {
  it('reads every entry point (a sanity check on the reader itself)', () => {
    const count = (entry: string) => exports.filter((e) => e.entry === entry).length;
    for (const entry of Object.keys(ENTRIES)) expect(count(entry), entry).toBeGreaterThan(0);
    expect(exports.find((e) => e.entry === '@complaintkit/core' && e.name === 'Complaint')?.id).toBe('src/domain/schemas/complaint.ts#Complaint');
  });

  it('gives every exported thing, type or value, one name', () => {
    const renamed = [...byId.values()].filter((list) => new Set(list.map((e) => e.name)).size > 1).map((list) => list.map((e) => `${e.entry} ${e.name}`).join(' = '));
    expect(renamed).toEqual([]);
  });

  it('exports every thing from one entry point; the root re-exports, as types only, the domain types a client user names', () => {
    const twice: string[] = [];
    for (const list of byId.values()) {
      const entries = [...new Set(list.map((e) => e.entry))];
      if (entries.length < 2) continue;
      // The one deliberate overlap (issue #6): `Complaint`, `ComplaintStatus`, the codes … are declared
      // in the domain, published by `/domain` with their schemas, and named by client users from the root.
      const allowed = entries.length === 2 && entries.includes('@complaintkit/core') && entries.includes('@complaintkit/core/domain') && list.every((e) => e.domain) && list.filter((e) => e.entry === '@complaintkit/core').every((e) => e.typeOnly);
      if (!allowed) twice.push(`${list[0]!.id}: ${list.map((e) => `${e.entry} ${e.name}`).join(', ')}`);
    }
    expect(twice).toEqual([]);
  });

  it('has no type that is only another exported type under a new name (`type A = B`, `interface A extends B {}`)', () => {
    const exportedIds = new Set(exports.map((e) => e.id));
    const idOf = (node: ts.Node): string | undefined => {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const decl = symbol?.declarations?.[0];
      return decl && symbol ? `${relative(PKG, decl.getSourceFile().fileName)}#${symbol.name}` : undefined;
    };
    const aliases: string[] = [];
    for (const e of exports) {
      const n = e.node;
      if (!n) continue;
      let target: ts.Node | undefined;
      if (ts.isTypeAliasDeclaration(n) && ts.isTypeReferenceNode(n.type) && !n.type.typeArguments) target = n.type.typeName;
      if (ts.isInterfaceDeclaration(n) && n.members.length === 0 && n.heritageClauses?.length === 1 && n.heritageClauses[0]!.types.length === 1) {
        const base = n.heritageClauses[0]!.types[0]!;
        if (!base.typeArguments) target = base.expression;
      }
      const id = target && idOf(target);
      if (id && exportedIds.has(id)) aliases.push(`${e.entry} ${e.name} is ${id}`);
    }
    expect(aliases).toEqual([]);
  });
});

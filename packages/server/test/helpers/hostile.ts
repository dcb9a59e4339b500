import fc from 'fast-check';

/** The bits of an OpenAPI schema object the generator reads. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Schema;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
}

/** One operation of the OpenAPI document, as the fuzzer sends it. */
export interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly query: readonly { readonly name: string; readonly schema: Schema }[];
  readonly headers: readonly string[];
  readonly body: Schema | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is plain JSON read by shape.
type Doc = any;

/** Every operation of an OpenAPI document, its parameters and body schema resolved. */
export function operationsOf(doc: Doc): Operation[] {
  const resolve = <T>(x: T & { $ref?: string }): T => {
    if (!x?.$ref) return x;
    const [, , section, name] = x.$ref.split('/');
    return doc.components[section as string][name as string];
  };
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Doc>(doc.paths)) {
    for (const [method, op] of Object.entries<Doc>(item)) {
      if (!op?.operationId) continue;
      const params = (op.parameters ?? []).map(resolve);
      const body = op.requestBody && resolve(op.requestBody).content?.['application/json']?.schema;
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        query: params.filter((p: Doc) => p.in === 'query').map((p: Doc) => ({ name: p.name, schema: p.schema })),
        headers: params.filter((p: Doc) => p.in === 'header').map((p: Doc) => p.name),
        body: body && deref(doc, body),
      });
    }
  }
  return out;
}

/** The schema with every `$ref` inside it replaced by what it points to (the document has no cycles in request schemas). */
function deref(doc: Doc, schema: Schema, depth = 0): Schema {
  if (depth > 20) return {};
  if (schema.$ref) return deref(doc, doc.components.schemas[schema.$ref.split('/').pop() as string], depth + 1);
  const out: Record<string, unknown> = { ...schema };
  if (schema.items) out.items = deref(doc, schema.items, depth + 1);
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, deref(doc, v, depth + 1)]));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (schema[k]) out[k] = schema[k].map((s) => deref(doc, s, depth + 1));
  return out as Schema;
}

/** Text a hostile client sends: markup, SQL, control characters, personal numbers, prototype keys, very long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    '',
    ' ',
    '<script>alert(1)</script>',
    "'; drop table complaints; --",
    '" OR 1=1 --',
    '%',
    '%00',
    '\u0000',
    '\ud800',
    '../../etc/passwd',
    '13911112222',
    '11010519491231002X',
    '6222021234567890123',
    '__proto__',
    'constructor',
    'toString',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-02-30T00:00:00Z',
    'NaN',
    '-1',
    '1e309',
    'null',
    'true',
    '{}',
    '[]',
    'CK00010101-000001',
    'CK20261129-000001',
    '\u202e\u0000\uffff',
  ) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  // Just over and far over the longest field (a description takes 5,000 characters).
  { weight: 1, arbitrary: fc.constantFrom(5_001, 20_000).map((n) => '长'.repeat(n)) },
);

/** Any JSON value, some of them hostile (prototype keys, huge numbers, nesting). */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, -0),
  fc.double(),
  fc.json().map((j) => JSON.parse(j) as unknown),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}')),
  fc.nat({ max: 40 }).map((n) => JSON.parse(`${'['.repeat(n)}1${']'.repeat(n)}`) as unknown),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 200 }),
);

/** A value the schema describes, mostly; now and then anything else in its place. */
export function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return anyJson;
  return fc.oneof({ weight: 6, arbitrary: wellTyped(schema, depth) }, { weight: 1, arbitrary: anyJson });
}

function wellTyped(s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueFor(v, depth + 1)));
  if (s.allOf) return valueFor(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileText);
      return fc.oneof(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }), hostileText);
    case 'integer':
      return fc.oneof(fc.integer({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 }), fc.integer(), fc.constantFrom(-1, 2 ** 31, 2 ** 53 + 2, 1.5));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true }), fc.integer());
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1));
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(s.items, depth + 1), { maxLength: Math.min((s.maxItems ?? 4) + 2, 25) });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of props) record[k] = valueFor(v, depth + 1);
      const optional = props.map(([k]) => k).filter((k) => !required.has(k));
      return fc
        .tuple(
          fc.record(record),
          fc.subarray(optional),
          fc.oneof({ weight: 5, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.subarray([...required]) }),
          fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), fc.string({ maxLength: 10 })), anyJson, { maxKeys: 2 }),
        )
        .map(([obj, keep, drop, extra]) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(obj as Record<string, unknown>)) if (required.has(k) ? !drop.includes(k) : keep.includes(k)) out[k] = v;
          for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
          return out;
        });
    }
    default:
      return anyJson;
  }
}

/** Text a header may carry (printable Latin-1: what `fetch` lets a client send), hostile as above. */
export const headerText: fc.Arbitrary<string> = hostileText.map((s) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '').slice(0, 4000));

/** A path segment: hostile text percent-encoded, or broken encoding, traversal and NUL as they are. */
export const urlSegment: fc.Arbitrary<string> = fc.oneof(
  hostileText.map((s) => {
    try {
      return encodeURIComponent(s).slice(0, 6_000) || 'x';
    } catch {
      return '%ED%A0%80';
    }
  }),
  fc.constantFrom('%ZZ', '%', '..%2F..%2Fetc%2Fpasswd', '%00', 'a%2Fb', '13911112222', '%E0%A4%A', 'CK20260301-000001'),
);

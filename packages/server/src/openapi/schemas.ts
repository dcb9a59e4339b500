import { Actor, Complaint, ComplaintChange, Me, Organisation, Problem, TimelineEvent, toJSONSchema } from '@complaintkit/core/domain';

/** @internal a JSON Schema or OpenAPI object. */
export type Json = Record<string, unknown>;

/** @internal the bound zod gives every `int()`: meaningless to a reader and to generators. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** @internal drops the ±2^53 bounds of plain integers, everywhere in a schema. */
function dropSafeBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropSafeBounds);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if ((k === 'minimum' && v === -SAFE) || (k === 'maximum' && v === SAFE)) continue;
    out[k] = dropSafeBounds(v);
  }
  return out;
}

/**
 * A zod schema as OpenAPI 3.2 (JSON Schema 2020-12) wants it: `io` picks the input (defaults
 * optional) or output shape; no `$schema`, no ±2^53 integer bounds.
 *
 * @example
 * ```ts
 * schemaOf(ComplaintCreate, 'input');
 * ```
 */
export function schemaOf(schema: unknown, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...json } = toJSONSchema(schema as Parameters<typeof toJSONSchema>[0], {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Json;
  return dropSafeBounds(json) as Json;
}

/**
 * The shared schemas, as `components.schemas`: wherever their JSON appears inside another schema it
 * becomes a `$ref` (largest first, so a Complaint is one reference, not its parts).
 *
 * @example
 * ```ts
 * SHARED.map((s) => s.name); // ['ComplaintChange', 'Complaint', …]
 * ```
 */
export const SHARED: readonly { readonly name: string; readonly schema: unknown }[] = [
  { name: 'ComplaintChange', schema: ComplaintChange },
  { name: 'Complaint', schema: Complaint },
  { name: 'Me', schema: Me },
  { name: 'TimelineEvent', schema: TimelineEvent },
  { name: 'Organisation', schema: Organisation },
  { name: 'Actor', schema: Actor },
  { name: 'Problem', schema: Problem },
];

/** @internal a key-order-independent text of a JSON value, to find copies of a shared schema. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v as Json)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** @internal the output JSON of each shared schema, by its canonical text. */
let sharedIndex: Map<string, string> | undefined;
const index = (): Map<string, string> => {
  sharedIndex ??= new Map(SHARED.map((s) => [canonical(schemaOf(s.schema, 'output')), s.name]));
  return sharedIndex;
};

/**
 * Replaces every copy of a shared schema inside `json` (not `json` itself, unless `root` is true)
 * with a `$ref` to its component.
 *
 * @example
 * ```ts
 * withRefs(schemaOf(ComplaintChange, 'output'), false); // { properties: { complaint: { $ref: '#/components/schemas/Complaint' }, … } }
 * ```
 */
export function withRefs(json: unknown, root = true): unknown {
  if (root && json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const name = index().get(canonical(json));
    if (name) return { $ref: `#/components/schemas/${name}` };
  }
  if (Array.isArray(json)) return json.map((v) => withRefs(v));
  if (json === null || typeof json !== 'object') return json;
  return Object.fromEntries(Object.entries(json as Json).map(([k, v]) => [k, withRefs(v)]));
}

/**
 * `components.schemas`: each shared schema, with the others it contains as references.
 *
 * @example
 * ```ts
 * componentSchemas().Organisation;
 * ```
 */
export const componentSchemas = (): Record<string, unknown> =>
  Object.fromEntries(SHARED.map((s) => [s.name, withRefs(schemaOf(s.schema, 'output'), false)]));

import { ALL_ENDPOINTS, Complaint, ComplaintChange, type Endpoint, Organisation, Problem, toJSONSchema } from '@complaintkit/core/domain';

/** @internal a JSON Schema or OpenAPI object. */
type Json = Record<string, unknown>;

/** @internal converts a zod schema; drops `$schema`, which the OpenAPI 3.1 dialect supplies. */
function schemaOf(schema: unknown, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...json } = toJSONSchema(schema as Parameters<typeof toJSONSchema>[0], {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Json;
  return json;
}

/** @internal shared schemas, referenced wherever an endpoint uses the very same zod schema. */
const SHARED: { name: string; schema: unknown; io: 'input' | 'output' }[] = [
  { name: 'Complaint', schema: Complaint, io: 'output' },
  { name: 'Problem', schema: Problem, io: 'output' },
  { name: 'Organisation', schema: Organisation, io: 'output' },
  { name: 'ComplaintChange', schema: ComplaintChange, io: 'output' },
];

/** @internal */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** @internal the schema of an endpoint's part, as a reference when it is shared. */
function partSchema(schema: unknown, io: 'input' | 'output'): Json {
  const shared = SHARED.find((s) => s.schema === schema && s.io === io);
  return shared ? ref(shared.name) : schemaOf(schema, io);
}

/** @internal the problem responses every operation may give. */
const PROBLEM_RESPONSES: Record<string, string> = {
  '400': 'validation_failed: errors[] names each bad field',
  '401': 'unauthenticated: missing, invalid or expired bearer token',
  '403': 'forbidden (auditors change nothing) or role_not_allowed (with allowedActions)',
  '404': 'not_found: missing, or not visible to the caller',
  '409': 'invalid_transition (with allowedActions) or conflict',
  '422': 'rule_violation or idempotency_key_reused',
  '500': 'internal: no details, quote the request id',
};

/** @internal the operation object of one endpoint. */
function operationOf(e: Endpoint): Json {
  const parameters: Json[] = [{ $ref: '#/components/parameters/RequestId' }];
  for (const name of e.path.match(/\{(\w+)\}/g) ?? []) {
    const n = name.slice(1, -1);
    parameters.push({ name: n, in: 'path', required: true, schema: { type: 'string', pattern: '^CK\\d{8}-\\d{6,}$' }, description: 'The complaint number' });
  }
  if (e.query) {
    const q = schemaOf(e.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: q.required?.includes(name) ?? false,
        schema,
        ...(schema.type === 'array' && { style: 'form', explode: true }),
      });
    }
  }
  if (e.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (e.stream) {
    parameters.push(
      { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'Resume after this event seq; missed events are replayed' },
      { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'Same as Last-Event-ID, for EventSource polyfills' },
      { name: 'access_token', in: 'query', required: false, schema: { type: 'string' }, description: 'The bearer token, for EventSource clients that cannot send headers' },
    );
  }

  const headers: Json = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
  if (e.idempotent) headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
  const success: Json = e.stream
    ? {
        description:
          'Server-Sent Events: `id: <event seq>`, `event: change`, `data:` a ComplaintChange (JSON, complainant masked); a `: ping` comment every 15 s.',
        headers,
        // OpenAPI 3.1 has no itemSchema (3.2 does): the message data schema rides in an extension.
        content: { 'text/event-stream': { schema: { type: 'string' }, 'x-sse-data-schema': partSchema(e.response, 'output') } },
      }
    : { description: e.summary, headers, content: { 'application/json': { schema: partSchema(e.response, 'output') } } };

  const responses: Json = { [String(e.successStatus)]: success };
  for (const code of Object.keys(PROBLEM_RESPONSES)) responses[code] = { $ref: `#/components/responses/Problem${code}` };

  return {
    operationId: e.operationId,
    summary: e.summary,
    tags: [e.tag],
    parameters,
    ...(e.body !== undefined && {
      requestBody: { required: true, content: { 'application/json': { schema: partSchema(e.body, 'input') } } },
    }),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the service, generated from core's ALL_ENDPOINTS (ENDPOINTS, then ACTION_ENDPOINTS)
 * (request schemas as zod input, responses as output), with bearer-JWT security, the
 * `Idempotency-Key` header on idempotent operations, problem responses and the event stream as
 * `text/event-stream`.
 *
 * @example
 * ```ts
 * const doc = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:8787' });
 * Object.keys(doc.paths);
 * ```
 */
export function buildOpenApiDocument(options: { serverUrl?: string; version?: string } = {}): Json {
  const paths: Record<string, Json> = {};
  for (const e of ALL_ENDPOINTS) {
    paths[e.path] ??= {};
    (paths[e.path] as Json)[e.method.toLowerCase()] = operationOf(e);
  }
  const responses: Json = {};
  for (const [code, description] of Object.entries(PROBLEM_RESPONSES)) {
    responses[`Problem${code}`] = { description, content: { 'application/problem+json': { schema: ref('Problem') } } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ComplaintKit complaint service',
      version: options.version ?? '0.1.0',
      description:
        'The reference complaint service: register complaints and move them through the lifecycle of the CBIRC Measures (2020 No. 3). Errors are RFC 9457 problem documents.',
    },
    ...(options.serverUrl && { servers: [{ url: options.serverUrl }] }),
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'complaints', description: 'Complaints and their lifecycle' },
      { name: 'events', description: 'The change stream' },
      { name: 'identity', description: 'The caller and their organisations' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(SHARED.map((s) => [s.name, schemaOf(s.schema, s.io)])),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'A repeat with the same key and body returns the first result (Idempotent-Replayed: true); another body gives 422 idempotency_key_reused.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        RequestId: { name: 'X-Request-Id', in: 'header', required: false, description: 'Echoed back; quoted in problems and logs.', schema: { type: 'string', maxLength: 128 } },
      },
      headers: {
        RequestId: { description: 'The request id (the one sent, or a new one)', schema: { type: 'string' } },
        IdempotentReplayed: { description: '`true` when this is the stored result of an earlier request with the same key', schema: { type: 'string', enum: ['true'] } },
      },
      responses,
    },
  };
}

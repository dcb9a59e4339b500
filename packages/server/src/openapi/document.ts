import { ALL_ENDPOINTS, Alert, COMMON_PROBLEMS, ENDPOINT_REFERENCE, type Endpoint, PROBLEMS, type ProblemCode, referenceOf } from '@complaintkit/core/domain';
import { defaultSuggester } from '../suggest/service/load.js';
import type { SuggestInput } from '../suggest/service/suggester.js';
import { maskComplaint } from '../policy/mask.js';
import { regulatorCsv } from '../reports/regulator.js';
import { changeExample, customerTagsExample, listExample, problemExample, responseExamples } from './examples.js';
import { QUERY_PARAMETERS } from './query-parameters.js';
import { reportingExamples } from './reporting-examples.js';
import { componentSchemas, type Json, schemaOf, withRefs } from './schemas.js';

/** @internal the example path of an operation (`{id}` filled in). */
const examplePath = (e: Endpoint) => e.path.replace('{id}', 'CK20260302-000042').replace('{customerId}', 'C-000001');

/** @internal the success example of each operation, by operationId. */
function successExamples(): Record<string, unknown> {
  const ex = responseExamples();
  const out: Record<string, unknown> = {
    'complaints.create': ex.created,
    'complaints.list': listExample(ex.created),
    'complaints.get': ex.actions.close,
    'complaints.changes': { data: [{ seq: 1014, complaint: maskComplaint(ex.actions.close) }], nextCursor: null },
    'tags.import': { written: 1, deleted: 1 },
    'tags.customer': customerTagsExample(),
    'events.stream': changeExample(ex.actions.accept),
    'identity.me': ex.me,
    'identity.organisations': { data: [ex.organisation] },
    'classification.suggest': defaultSuggester().suggest(ENDPOINT_REFERENCE.suggestClassification.example?.body as SuggestInput),
  };
  for (const [action, complaint] of Object.entries(ex.actions)) out[`complaints.${action}`] = complaint;
  return { ...out, ...reportingExamples() };
}

/** @internal the problem codes of an operation, grouped by HTTP status. */
function problemsByStatus(e: Endpoint): Map<number, ProblemCode[]> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of [...referenceOf(e).problems, ...COMMON_PROBLEMS]) {
    const status = PROBLEMS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

/** @internal the problem response of one status, naming the codes this operation can send with it. */
function problemResponse(e: Endpoint, status: number, codes: readonly ProblemCode[]): Json {
  const headers: Json = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
  if (status === 401) headers['WWW-Authenticate'] = { $ref: '#/components/headers/WwwAuthenticate' };
  if (status === 429 || status === 503) headers['Retry-After'] = { $ref: '#/components/headers/RetryAfter' };
  if (status === 415) headers['Accept-Encoding'] = { $ref: '#/components/headers/AcceptEncoding' };
  return {
    description: codes.map((c) => `\`${c}\`: ${PROBLEMS[c].title}`).join('; '),
    headers,
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        examples: Object.fromEntries(codes.map((c) => [c, { value: problemExample(c, examplePath(e)) }])),
      },
    },
  };
}

/**
 * @internal The three kinds of message of the event stream (`http/sse.ts`): a complaint `change`, an
 * early-warning `alert` (managers, leadership and auditors, on the whole-bank stream), and `refetch`
 * when a resume is too far behind to replay. Each is declared, so a client generated from the
 * document knows every `event` it may read.
 */
function streamMessages(change: unknown): Json[] {
  const message = (event: string, description: string, data: unknown): Json => ({
    type: 'object',
    description,
    required: ['event', 'data'],
    properties: {
      id: { type: 'string', description: 'The event seq; send it back as Last-Event-ID to resume' },
      event: { type: 'string', const: event },
      data: { type: 'string', contentMediaType: 'application/json', contentSchema: data },
      retry: { type: 'integer', description: 'Reconnection delay (ms), sent once at the start' },
    },
  });
  return [
    message('change', 'A complaint changed: the event and the complaint after it, masked as lists are', change),
    message('alert', 'An early-warning alert opened, changed or resolved (managers, leadership and auditors; not with complaintId)', withRefs(schemaOf(Alert, 'output'))),
    message('refetch', 'Too far behind to replay, or resuming from an id ahead of every event (a restored database): reload what you show, then keep reading (the stream goes on live from this id)', {
      type: 'object',
      required: ['code', 'detail', 'lastEventId'],
      properties: { code: { type: 'string', const: 'replay_window_exceeded' }, detail: { type: 'string' }, lastEventId: { type: 'string', pattern: '^\\d+$' } },
    }),
  ];
}

/** @internal the operation object of one endpoint. */
function operationOf(e: Endpoint, success: unknown): Json {
  const ref = referenceOf(e);
  const parameters: Json[] = [{ $ref: '#/components/parameters/RequestId' }];
  for (const name of e.path.match(/\{(\w+)\}/g) ?? []) {
    parameters.push(
      name === '{customerId}'
        ? {
            name: 'customerId',
            in: 'path',
            required: true,
            description: "The retail customer id (the CRM's external id)",
            schema: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^|]+$' },
            example: 'C-000001',
          }
        : {
            name: name.slice(1, -1),
            in: 'path',
            required: true,
            description: 'The complaint number',
            schema: { type: 'string', pattern: '^CK\\d{8}-\\d{6,}$' },
            example: 'CK20260302-000042',
          },
    );
  }
  if (e.query) {
    const q = schemaOf(e.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      const example = ref.example?.query?.[name];
      const said = typeof description === 'string' ? description : QUERY_PARAMETERS[e.operationId]?.[name];
      parameters.push({
        name,
        in: 'query',
        required: q.required?.includes(name) ?? false,
        ...(said !== undefined && { description: said }),
        schema: rest,
        ...(rest.type === 'array' && { style: 'form', explode: true }),
        ...(example !== undefined && { example: rest.type === 'array' ? [example] : rest.type === 'boolean' ? example === 'true' : rest.type === 'integer' || rest.type === 'number' ? Number(example) : example }),
      });
    }
  }
  if (e.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (e.stream) {
    parameters.push(
      { name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this event seq; missed events are replayed', schema: { type: 'string', pattern: '^\\d+$' } },
      { name: 'lastEventId', in: 'query', required: false, description: 'Same as Last-Event-ID, for EventSource polyfills', schema: { type: 'string', pattern: '^\\d+$' } },
      { name: 'access_token', in: 'query', required: false, description: 'The bearer token, for EventSource clients that cannot send headers', schema: { type: 'string' } },
    );
  }

  const headers: Json = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
  if (e.idempotent) headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
  const content: Json = e.stream
    ? {
        'text/event-stream': {
          // OpenAPI 3.2: the schema of each message of the stream.
          itemSchema: { oneOf: streamMessages(withRefs(schemaOf(e.response, 'output'))) },
          example: `id: 1002\nevent: change\ndata: ${JSON.stringify(success)}\n\n`,
        },
      }
    : { 'application/json': { schema: withRefs(schemaOf(e.response, 'output')), example: success } };
  if (e.csv) {
    // `format=csv` answers the same statistics as a spreadsheet file (the regulator statistics are the
    // only such operation): declared, so a client generated from the document does not parse it as JSON.
    content['text/csv'] = { schema: { type: 'string' }, example: regulatorCsv(success as Parameters<typeof regulatorCsv>[0]).replace(/^\uFEFF/, '') };
    headers['Content-Disposition'] = {
      description: 'With `format=csv`: `attachment; filename="complaints-<quarter>-<orgId>.csv"`',
      schema: { type: 'string' },
    };
  }
  const responses: Json = { [String(e.successStatus)]: { description: e.summary, headers, content } };
  const byStatus = problemsByStatus(e);
  // Every operation refuses a URL holding a NUL (%00) before its route runs (http/nul.ts), so each
  // can answer 400 even without a body or query of its own.
  const at400 = byStatus.get(400) ?? [];
  if (!at400.includes('validation_failed')) byStatus.set(400, [...at400, 'validation_failed']);
  if (e.body !== undefined) {
    byStatus.set(413, ['validation_failed']);
    byStatus.set(415, ['unsupported_media_type']);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] =
      status === 413
        ? { ...problemResponse(e, status, codes), description: '`validation_failed`: the body is larger than 1 MiB' }
        : status === 415
          ? {
              ...problemResponse(e, status, codes),
              description: '`unsupported_media_type`: the body is not sent as JSON, or is sent compressed (any `Content-Encoding` but identity); send it uncompressed with `Content-Type: application/json`',
            }
          : problemResponse(e, status, codes);
  }

  return {
    operationId: e.operationId,
    summary: e.summary,
    description: ref.description,
    tags: [e.tag],
    parameters,
    ...(e.body !== undefined && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: withRefs(schemaOf(e.body, 'input')), ...(ref.example?.body !== undefined && { example: ref.example.body }) } },
      },
    }),
    responses,
  };
}

/**
 * The OpenAPI 3.2 document of the service, generated from core's contract (`ALL_ENDPOINTS` for the
 * operations, `referenceOf` for their descriptions, request examples and the problems each can
 * answer with) and its zod schemas
 * (requests as input, responses as output, shared schemas as components); response examples are
 * made by core's lifecycle from the request examples. The event stream's messages are described with
 * `itemSchema`.
 *
 * @example
 * ```ts
 * const doc = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:8787' });
 * Object.keys(doc.paths);
 * ```
 */
export function buildOpenApiDocument(options: { serverUrl?: string; version?: string } = {}): Json {
  const examples = successExamples();
  const paths: Record<string, Json> = {};
  for (const e of ALL_ENDPOINTS) {
    paths[e.path] ??= {};
    (paths[e.path] as Json)[e.method.toLowerCase()] = operationOf(e, examples[e.operationId]);
  }
  return {
    openapi: '3.2.0',
    info: {
      title: 'ComplaintKit complaint service',
      version: options.version ?? '0.1.0',
      description:
        'The reference complaint service: register complaints and move them through the lifecycle of the CBIRC Measures (2020 No. 3). Errors are RFC 9457 problem documents with a stable `code`; an unsupported method on a known path is `405` with `Allow`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? 'http://127.0.0.1:8787', description: 'This service' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'complaints', description: 'Complaints and their lifecycle' },
      { name: 'events', description: 'The change stream' },
      { name: 'identity', description: 'The caller and their organisations' },
      { name: 'classification', description: "Suggested codes and sensitive-case flags from a complaint's words; never applied by themselves" },
      { name: 'tags', description: 'Complaint-derived retail-customer tags (docs/domain/tags.md): imported from a tagging run, read beside a complaint' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT signed by the service (HS256)' } },
      schemas: componentSchemas(),
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
        RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
        WwwAuthenticate: { description: '`Bearer`', schema: { type: 'string' } },
        AcceptEncoding: { description: '`identity`, on a 415 for a compressed body: send it uncompressed (RFC 9110 §15.5.16)', schema: { type: 'string' } },
      },
    },
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../src/index.js';

/**
 * A third party's lifecycle script, written against the types openapi-typescript generates from the
 * document alone: register, accept, start, respond, follow up, close, read the problem of a refusal.
 */
const LIFECYCLE = (respondBody: string) => `
import type { components, paths } from './api.js';

type Complaint = components['schemas']['Complaint'];
type Problem = components['schemas']['Problem'];
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Post<P extends keyof paths> = paths[P] extends { post: infer O } ? O : never;
type Body<P extends keyof paths> = Post<P> extends { requestBody: infer R } ? Json<R> : never;

declare function post<P extends keyof paths>(path: P, id: string, body: Body<P>): Promise<Complaint>;
declare function get(path: '/v1/complaints/{id}', id: string): Promise<Json<paths['/v1/complaints/{id}']['get']['responses'][200]>>;

export async function lifecycle(): Promise<Complaint['status']> {
  const created: Json<Post<'/v1/complaints'>['responses'][201]> = await post('/v1/complaints', '', {
    intakeChannel: 'outlet',
    businessChannel: 'A0101',
    businessCategory: 'B0302',
    cause: 'C11',
    complainant: { name: '张三', phone: '13812345678', customerId: 'C-000001' },
    description: '信用卡年费未经告知被扣收',
  });
  await post('/v1/complaints/{id}/accept', created.id, { note: '身份已核实' });
  await post('/v1/complaints/{id}/start', created.id, {});
  await post('/v1/complaints/{id}/respond', created.id, ${respondBody});
  await post('/v1/complaints/{id}/follow-up', created.id, { reached: true, satisfaction: 4 });
  const closed = await post('/v1/complaints/{id}/close', created.id, {});
  const read = await get('/v1/complaints/{id}', closed.id);
  const first = read.timeline[0];
  const role: 'frontline' | 'handler' | 'manager' | 'leadership' | 'auditor' | null = first && first.actor.kind === 'staff' ? (first.actor.role ?? null) : null; // absent when the reader is the customer
  return role === null ? read.status : 'closed';
}

export function explain(p: Problem): string {
  switch (p.code) {
    case 'invalid_transition':
      return (p.allowedActions ?? []).join(', ');
    case 'rate_limited':
      return String(p.retryAfter ?? 1);
    default:
      return p.detail ?? p.title;
  }
}
`;

const GOOD_RESPONSE = `{ outcome: 'partly_upheld', basis: '章程第十条', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: '2026-03-10T15:00:00+08:00' }`;

/** Type errors of the script, compiled strictly against the generated types. */
function typeErrors(dir: string, script: string): string[] {
  const file = join(dir, `lifecycle-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, script);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: false,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('types generated from the OpenAPI document with openapi-typescript', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-openapi-ts-'));
    const ast = await openapiTS(buildOpenApiDocument() as unknown as Parameters<typeof openapiTS>[0]);
    writeFileSync(join(dir, 'api.d.ts'), astToString(ast));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('typecheck a lifecycle script written against them', () => {
    expect(typeErrors(dir, LIFECYCLE(GOOD_RESPONSE))).toEqual([]);
  });

  it('catch a body the contract refuses (so the check above can fail)', () => {
    const errors = typeErrors(dir, LIFECYCLE(GOOD_RESPONSE.replace("'partly_upheld'", "'maybe'")));
    expect(errors.join('\n')).toMatch(/maybe/);
  });
});

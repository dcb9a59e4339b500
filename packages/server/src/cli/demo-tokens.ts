import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueToken } from '../auth/token.js';
import type { DemoActors } from '../seed/index.js';

/**
 * Prints the demo tokens, one per role, with a curl line each; also writes them to
 * `<data>/demo-tokens.json` (owner-only) for the examples to pick up.
 *
 * @example
 * ```ts
 * await printDemoTokens(server.url, secret, actors, './data', false);
 * ```
 */
export async function printDemoTokens(url: string, secret: string, actors: DemoActors, dataDir: string, examples: boolean): Promise<void> {
  const lines: string[] = ['', 'Demo tokens (valid 30 days):'];
  const tokens: Record<string, string> = {};
  for (const role of ['frontline', 'handler', 'manager', 'leadership', 'auditor'] as const) {
    const a = actors[role];
    const token = await issueToken({ sub: a.id, kind: 'staff', role, org: a.orgId }, secret, '30d');
    tokens[role] = token;
    lines.push('', `  ${role} — ${a.id} at ${a.orgId}`, `  curl -H "Authorization: Bearer ${token}" "${url}/v1/complaints?limit=5"`);
  }
  const customer = await issueToken({ sub: actors.customer.id, kind: 'customer' }, secret, '30d');
  tokens.customer = customer;
  lines.push('', `  customer — ${actors.customer.id} (has complaints)`, `  curl -H "Authorization: Bearer ${customer}" "${url}/v1/complaints"`);
  if (examples) {
    lines.push(
      '',
      'Example pages, each signed in with a demo token:',
      `  mobile H5 (customer):     ${url}/examples/mobile-h5/#token=${customer}`,
      `  staff mobile (handler):   ${url}/examples/staff-mobile/#token=${tokens.handler}`,
      `  plain HTML + loader:      ${url}/examples/plain-html/#token=${customer}`,
      `  Vue 3 app (customer):     ${url}/examples/vue/#token=${customer}`,
      `  dashboard (manager):      ${url}/examples/dashboard/#token=${tokens.manager}`,
    );
  }
  writeFileSync(join(dataDir, 'demo-tokens.json'), `${JSON.stringify({ url, tokens }, null, 2)}\n`, { mode: 0o600 });
  lines.push('', `(tokens also saved to ${join(dataDir, 'demo-tokens.json')}; examples/node-client reads them)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}


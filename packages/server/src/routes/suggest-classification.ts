import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import type { ResolvedDeps } from './deps.js';

/**
 * `POST /v1/classification/suggestions`: the top-3 business categories and causes for a complaint's
 * words, with scores and evidence, and, for staff only, the sensitive-case flags (a customer filling
 * in the form is never shown that their words were flagged). Stateless and read-only: nothing is
 * stored or applied, so every signed-in caller may ask, auditors included.
 *
 * @example
 * ```ts
 * app.post('/v1/classification/suggestions', (c) => suggestClassification(c, deps));
 * ```
 */
export async function suggestClassification(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  const input = parseOr400(ENDPOINTS.suggestClassification.body, await readJsonBody(c));
  // Cacheable by nobody: the answer depends on the caller and on the model in use.
  c.header('Cache-Control', 'no-store');
  return c.json(deps.suggester.suggest(input, { flags: caller.actor.kind !== 'customer' }));
}

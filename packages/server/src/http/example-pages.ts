import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { sendProblem } from './errors.js';
import { HttpProblem } from './problem.js';

/**
 * The Content-Security-Policy the example pages are served with: the strict policy the widgets guide
 * (docs/guides/embedding-the-widgets.md, "Content-Security-Policy") tells a host page to use. No
 * inline script or style, no `eval`; API calls and the live stream go to this same origin; `blob:`
 * images for the previews of picked photos; the H5 page's service worker from its own origin.
 *
 * @example
 * ```ts
 * res.headers.set('content-security-policy', EXAMPLE_PAGES_CSP);
 * ```
 */
export const EXAMPLE_PAGES_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; " +
  "base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'self'";

/**
 * Middleware for `/examples/*`: every answer carries {@link EXAMPLE_PAGES_CSP}, and source maps
 * (`*.map`) are never served (`404`), so the pages go out as a bank would publish them.
 *
 * @example
 * ```ts
 * app.use('/examples/*', examplePageHeaders());
 * ```
 */
export const examplePageHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (c.req.path.endsWith('.map')) {
    c.res = sendProblem(c, new HttpProblem(404, 'not_found', 'source maps are not served'));
  } else await next();
  c.res.headers.set('content-security-policy', EXAMPLE_PAGES_CSP);
};

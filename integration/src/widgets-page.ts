import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@complaintkit/server';
import type { Page } from 'playwright-core';
import { BANK } from './fixture.js';

/** The example pages folder (`examples/`), served at /examples/ as `npm start` serves it. */
export const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));
/** The screenshots the docs show (committed): rewritten only by `pnpm --filter @complaintkit/integration run screenshots`. */
export const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../docs/guides/widgets-screenshots', import.meta.url));
/**
 * Where a test run saves its screenshots: `integration/.output/screenshots` (not committed), or the
 * docs' folder when `CK_UPDATE_SCREENSHOTS=1` (the `screenshots` script), so a plain test run never
 * rewrites committed files.
 */
export const SCREENSHOTS =
  process.env.CK_UPDATE_SCREENSHOTS === '1' ? DOCS_SCREENSHOTS : fileURLToPath(new URL('../.output/screenshots', import.meta.url));

/**
 * The real service with the example pages, the test bank, and every POST it answered (to count
 * complaints registered per request).
 *
 * @example
 * ```ts
 * const svc = await serveExamples();
 * ```
 */
export async function serveExamples(): Promise<{ server: RunningServer; posts: { path: string; status: number }[]; token: (sub: string, role?: string, org?: string) => Promise<string>; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-widgets-'));
  const posts: { path: string; status: number }[] = [];
  const server = await startServer({
    port: 0,
    dataDir,
    staticDir: EXAMPLES,
    logger: {
      info: (e) => {
        if (e.msg === 'request' && e.method === 'POST') posts.push({ path: String(e.path), status: Number(e.status) });
      },
      error: () => {},
    },
  });
  await server.store.importDemoBank(BANK);
  const token = (sub: string, role?: string, org?: string) =>
    server.issueToken((role ? { sub, kind: 'staff', role, org } : { sub, kind: 'customer' }) as Parameters<RunningServer['issueToken']>[0]);
  return {
    server,
    posts,
    token,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page (open shadow roots included) against WCAG 2.0/2.1 A and AA, and
 * returns the serious and critical violations as `rule: target` lines.
 *
 * @example
 * ```ts
 * expect(await axeViolations(page)).toEqual([]);
 * ```
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not added as an inline <script>: the example pages are
  // served with a Content-Security-Policy that refuses inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

/**
 * How far the page scrolls sideways at its viewport (0 when nothing overflows).
 *
 * @example
 * ```ts
 * expect(await sidewaysOverflow(page)).toBe(0);
 * ```
 */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * How many `<img>` elements the page has, in the document and in every open shadow root (where the
 * widgets render: `document.querySelectorAll` alone never sees them). 0 means no text became markup.
 *
 * @example
 * ```ts
 * expect(await imagesIn(page)).toBe(0);
 * ```
 */
export const imagesIn = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const count = (root: Document | ShadowRoot): number =>
      root.querySelectorAll('img').length +
      [...root.querySelectorAll('*')].reduce((n, el) => n + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
    return count(document);
  });

/**
 * Saves a full-page screenshot as `<name>-<width>.png` in {@link SCREENSHOTS}.
 *
 * @example
 * ```ts
 * await screenshot(page, 'mobile-h5-form');
 * ```
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

/** The XSS payload every text field gets. */
export const XSS = '<img src=x onerror=alert(1)>';

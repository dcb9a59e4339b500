import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @internal the files at the static root that are pages (the index); the rest there is source (`page-build.ts`). */
const ROOT_PAGES = new Set(['/', '/index.html']);

/**
 * Maps a URL under `/examples/` to a file under the static root. An example folder with a
 * `public/` folder (`examples/mobile-h5/public/…`) is served from there only, so its sources and
 * `node_modules` never are (`/examples/mobile-h5/app.css` → `mobile-h5/public/app.css`); another
 * folder is not served at all; at the root only the index is (`/examples/page-build.ts`, the pages'
 * build script, was served as `video/mp2t`).
 *
 * @example
 * ```ts
 * examplePath('/srv/examples', '/examples/mobile-h5/'); // '/mobile-h5/public/'
 * ```
 */
export function examplePath(root: string, urlPath: string): string {
  const rest = urlPath.replace(/^\/examples/, '') || '/';
  const m = /^\/([\w.-]+)(\/.*)?$/.exec(rest);
  if (!m?.[1]) return ROOT_PAGES.has(rest) ? rest : '/.not-served';
  const dir = join(root, m[1]);
  if (existsSync(join(dir, 'public'))) return `/${m[1]}/public${m[2] ?? '/'}`;
  if (existsSync(dir) && statSync(dir).isDirectory()) return '/.not-served';
  return m[2] === undefined && ROOT_PAGES.has(rest) ? rest : '/.not-served';
}

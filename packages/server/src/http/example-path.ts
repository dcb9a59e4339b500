import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @internal the files at the static root a browser loads: pages, scripts, styles, images and fonts (the
 * index, or a page and its bundle a deployment or test puts there); the rest there is source or build
 * output a browser has no use for (`page-build.ts`, `package.json`, source maps).
 */
const isRootPage = (rest: string): boolean => rest === '/' || /^\/[\w-][\w.-]*\.(html|m?js|css|svg|png|jpe?g|webp|ico|woff2)$/.test(rest);

/**
 * Maps a URL under `/examples/` to a file under the static root. An example folder with a
 * `public/` folder (`examples/mobile-h5/public/…`) is served from there only, so its sources and
 * `node_modules` never are (`/examples/mobile-h5/app.css` → `mobile-h5/public/app.css`); another
 * folder is not served at all; at the root only what a browser loads is (`/examples/page-build.ts`, the pages'
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
  if (!m?.[1]) return isRootPage(rest) ? rest : '/.not-served';
  const dir = join(root, m[1]);
  if (existsSync(join(dir, 'public'))) return `/${m[1]}/public${m[2] ?? '/'}`;
  if (existsSync(dir) && statSync(dir).isDirectory()) return '/.not-served';
  return m[2] === undefined && isRootPage(rest) ? rest : '/.not-served';
}

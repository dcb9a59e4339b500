import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Maps a URL under `/examples/` to a file under the static root. An example folder with a
 * `public/` folder (`examples/mobile-h5/public/…`) is served from there only, so its sources and
 * `node_modules` never are (`/examples/mobile-h5/app.css` → `mobile-h5/public/app.css`); another
 * folder is not served at all; files at the root are served as they are.
 *
 * @example
 * ```ts
 * examplePath('/srv/examples', '/examples/mobile-h5/'); // '/mobile-h5/public/'
 * ```
 */
export function examplePath(root: string, urlPath: string): string {
  const rest = urlPath.replace(/^\/examples/, '') || '/';
  const m = /^\/([\w.-]+)(\/.*)?$/.exec(rest);
  if (!m?.[1]) return rest;
  const dir = join(root, m[1]);
  if (existsSync(join(dir, 'public'))) return `/${m[1]}/public${m[2] ?? '/'}`;
  if (existsSync(dir) && statSync(dir).isDirectory()) return '/.not-served';
  return rest;
}

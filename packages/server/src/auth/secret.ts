import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @internal the file that keeps the generated demo secret. */
export const SECRET_FILE = 'jwt-secret';

/**
 * The token-signing secret: the given one, else `CK_JWT_SECRET`, else (for the demo) one generated
 * once and kept in `<dataDir>/jwt-secret` (mode 0600) so tokens survive a restart.
 *
 * @example
 * ```ts
 * const secret = resolveJwtSecret({ dataDir: './data' });
 * ```
 */
export function resolveJwtSecret(options: { jwtSecret?: string | undefined; dataDir: string }): string {
  const given = options.jwtSecret ?? process.env.CK_JWT_SECRET;
  if (given) {
    if (given.length < 16) throw new Error('the JWT secret must be at least 16 characters; set CK_JWT_SECRET to a long random value');
    return given;
  }
  const file = join(options.dataDir, SECRET_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  } catch {
    // not there yet: make one below
  }
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

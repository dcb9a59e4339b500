import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @internal the file that keeps the generated demo secret. */
export const SECRET_FILE = 'jwt-secret';

/** @internal the file that keeps the generated demo identity-hash secret. */
export const IDENTITY_SECRET_FILE = 'identity-secret';

/**
 * A secret: the given one, else the environment variable `env`, else (for the demo) one generated once
 * and kept in `<dataDir>/<file>` (mode 0600) so it survives a restart. At least 16 characters.
 *
 * @example
 * ```ts
 * const secret = resolveSecret({ given: undefined, env: 'CK_JWT_SECRET', file: 'jwt-secret', dataDir: './data', what: 'JWT secret' });
 * ```
 */
export function resolveSecret(o: { given: string | undefined; env: string; file: string; dataDir: string; what: string }): string {
  const given = o.given ?? process.env[o.env];
  if (given) {
    if (given.length < 16) throw new Error(`the ${o.what} must be at least 16 characters; set ${o.env} to a long random value`);
    return given;
  }
  const file = join(o.dataDir, o.file);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  } catch {
    // not there yet: make one below
  }
  mkdirSync(o.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

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
  return resolveSecret({ given: options.jwtSecret, env: 'CK_JWT_SECRET', file: SECRET_FILE, dataDir: options.dataDir, what: 'JWT secret' });
}

/**
 * The bank-held secret of the identity keyed hashes (docs/domain/personal-data.md): the given one,
 * else `CK_IDENTITY_SECRET`, else (for the demo) one generated once into `<dataDir>/identity-secret`.
 * A bank sets the same secret here and in `@complaintkit/tagging`, so hashes match the CRM's.
 *
 * @example
 * ```ts
 * const secret = resolveIdentitySecret({ dataDir: './data' });
 * ```
 */
export function resolveIdentitySecret(options: { identitySecret?: string | undefined; dataDir: string }): string {
  return resolveSecret({ given: options.identitySecret, env: 'CK_IDENTITY_SECRET', file: IDENTITY_SECRET_FILE, dataDir: options.dataDir, what: 'identity secret' });
}

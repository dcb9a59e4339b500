import { redactText } from '@complaintkit/core/domain';

/**
 * Where the service writes its log lines (JSON objects). Nothing personal is ever passed in: requests
 * are logged as method, path, status, duration and request id only, errors through `redactText`.
 *
 * @example
 * ```ts
 * const quiet: Logger = { info() {}, error() {} };
 * ```
 */
export interface Logger {
  info(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

/**
 * A logger writing one JSON line per entry to stdout (info) and stderr (errors).
 *
 * @example
 * ```ts
 * jsonLogger().info({ msg: 'listening', url });
 * ```
 */
export const jsonLogger = (): Logger => ({
  info: (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...entry })}\n`),
  error: (entry) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', ...entry })}\n`),
});

/**
 * A logger that drops everything (tests).
 *
 * @example
 * ```ts
 * startServer({ port: 0, dataDir, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = { info() {}, error() {} };

/**
 * The text of an unexpected error for the log: message and stack with personal numbers redacted.
 *
 * @example
 * ```ts
 * logger.error({ msg: 'unhandled', error: describeError(e) });
 * ```
 */
export function describeError(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
  return redactText(text).slice(0, 4000);
}

/**
 * An open file, as `node:fs/promises` gives it.
 *
 * @example
 * ```ts
 * const h: OutboxFileHandle = await fs.open(path, 'wx');
 * ```
 */
export interface OutboxFileHandle {
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file operations `FileStorage` needs: a subset of `node:fs/promises`, passed in by
 * `@complaintkit/core/outbox/node` so that no Node built-in is imported anywhere else.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs/promises';
 * const files: OutboxFileSystem = fs;
 * ```
 */
export interface OutboxFileSystem {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  open(path: string, flags: string): Promise<OutboxFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mtimeMs: number }>;
}

/** @internal */
export const errno = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/** @internal writes a file and flushes it to disk; `flags` 'wx' fails if it exists. */
export async function writeDurably(fs: OutboxFileSystem, path: string, data: string, flags = 'w'): Promise<void> {
  const h = await fs.open(path, flags);
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
}

/** @internal reads a file, or `undefined` when it does not exist. */
export async function readIfExists(fs: OutboxFileSystem, path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** @internal a random suffix for temporary files. */
export const tmpSuffix = (): string => Math.random().toString(36).slice(2, 10);

import { open } from 'node:fs/promises';

/**
 * @internal Flushes a file, or a folder's entries (what a rename into it changed), to the disk, so a
 * power loss after it cannot leave the file empty or the rename undone (Linux: a folder opened
 * read-only can be fsynced).
 *
 * @example
 * ```ts
 * await syncToDisk('tag-state/events-swap.json.tmp-4242'); // the file's bytes
 * await syncToDisk('tag-state'); // the renames done in the folder
 * ```
 */
export async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives the run one temporary root (TMPDIR, which `os.tmpdir()` reads) and removes it at the end:
 * the tests make state files, exports and inputs with `mkdtemp(tmpdir())`, and each run left about
 * ten folders behind before.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'ck-tagging-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}

import type { PickedFile } from '../shared/bridge.js';

/**
 * Limits on the images a customer attaches.
 *
 * @example
 * ```ts
 * const l: AttachmentLimits = { maxFiles: 5, maxBytes: 5 * 1024 * 1024, accept: ['image/jpeg', 'image/png'] };
 * ```
 */
export interface AttachmentLimits {
  maxFiles: number;
  maxBytes: number;
  accept: readonly string[];
}

/**
 * Splits picked files into those that fit the limits and the reasons for the rest.
 *
 * @example
 * ```ts
 * const { kept, rejected } = checkFiles(current, picked, limits);
 * ```
 */
export function checkFiles(
  current: readonly PickedFile[],
  picked: readonly PickedFile[],
  limits: AttachmentLimits,
): { kept: PickedFile[]; rejected: { name: string; why: 'type' | 'size' | 'count' }[] } {
  const kept = [...current];
  const rejected: { name: string; why: 'type' | 'size' | 'count' }[] = [];
  for (const f of picked) {
    if (!limits.accept.includes(f.type)) rejected.push({ name: f.name, why: 'type' });
    else if (f.size > limits.maxBytes) rejected.push({ name: f.name, why: 'size' });
    else if (kept.length >= limits.maxFiles) rejected.push({ name: f.name, why: 'count' });
    else kept.push(f);
  }
  return { kept, rejected };
}

/**
 * The metadata the service records for each attachment (name, type, size, SHA-256 when the page is
 * a secure context). The bytes themselves travel through the host app (`ck-submit` carries them).
 *
 * @example
 * ```ts
 * const meta = await describeFiles(files); // [{ name: 'receipt.jpg', contentType: 'image/jpeg', size: 20480, sha256: '…' }]
 * ```
 */
export async function describeFiles(files: readonly PickedFile[]): Promise<{ name: string; contentType: string; size: number; sha256?: string }[]> {
  const subtle = globalThis.crypto?.subtle;
  return Promise.all(
    files.map(async (f) => {
      const meta = { name: f.name.slice(0, 200) || 'image', contentType: f.type, size: f.size };
      if (!subtle) return meta;
      const digest = new Uint8Array(await subtle.digest('SHA-256', await f.arrayBuffer()));
      return { ...meta, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
    }),
  );
}

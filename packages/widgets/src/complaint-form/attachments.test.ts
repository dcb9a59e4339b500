import { describe, expect, it } from 'vitest';
import { checkFiles, describeFiles } from './attachments.js';

const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });
const limits = { maxFiles: 2, maxBytes: 1024, accept: ['image/jpeg', 'image/png'] };

describe('image attachments', () => {
  it('keeps images within the limits and says why each other one was refused', () => {
    const { kept, rejected } = checkFiles(
      [file('a.jpg', 'image/jpeg', 10)],
      [file('b.gif', 'image/gif', 10), file('c.png', 'image/png', 2048), file('d.png', 'image/png', 10), file('e.jpg', 'image/jpeg', 10)],
      limits,
    );
    expect(kept.map((f) => f.name)).toEqual(['a.jpg', 'd.png']);
    expect(rejected).toEqual([
      { name: 'b.gif', why: 'type' },
      { name: 'c.png', why: 'size' },
      { name: 'e.jpg', why: 'count' },
    ]);
  });

  it('describes each file with its SHA-256 for the service', async () => {
    const [meta] = await describeFiles([new File(['abc'], 'r.jpg', { type: 'image/jpeg' })]);
    expect(meta).toEqual({
      name: 'r.jpg',
      contentType: 'image/jpeg',
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });
});

import type { Store } from './store/store.js';

/**
 * What seeding did: nothing (the database already had data) or how much it imported.
 *
 * @example
 * ```ts
 * const r: SeedResult = await seedIfEmpty(store, { seed: 42 });
 * ```
 */
export type SeedResult =
  | { readonly seeded: false }
  | { readonly seeded: true; readonly organisations: number; readonly staff: number; readonly complaints: number; readonly events: number };

/**
 * Seeds the demo bank (the seed generator in `src/seed`) into an empty database; a database with
 * data is left alone.
 *
 * @example
 * ```ts
 * await seedIfEmpty(store, { seed: 42, now: Date.now() });
 * ```
 */
export async function seedIfEmpty(store: Store, options: { seed?: number; months?: number; now?: number }): Promise<SeedResult> {
  if (!(await store.isEmpty())) return { seeded: false };
  const { generateDemoBank } = await import('./seed/index.js');
  const bank = generateDemoBank(options);
  return { seeded: true, ...(await store.importDemoBank(bank)) };
}

/**
 * The demo actors of the seeded bank (for the CLI's demo tokens), regenerated deterministically from
 * the same seed.
 *
 * @example
 * ```ts
 * const actors = await demoActorsOf({ seed: 42 });
 * actors.handler.orgId;
 * ```
 */
export async function demoActorsOf(options: { seed?: number; months?: number; now?: number }) {
  const { generateDemoBank } = await import('./seed/index.js');
  return generateDemoBank(options).demoActors;
}

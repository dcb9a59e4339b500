import type { DemoActors } from '../seed/index.js';
import type { Store } from '../store/store.js';

export type { DemoActors } from '../seed/index.js';

/**
 * What seeding did: nothing (the database already had data) or how much it imported, and the demo
 * actors of the generated bank.
 *
 * @example
 * ```ts
 * const r: SeedResult = await seedIfEmpty(store, { seed: 42 });
 * ```
 */
export type SeedResult =
  | { readonly seeded: false }
  | {
      readonly seeded: true;
      readonly organisations: number;
      readonly staff: number;
      readonly complaints: number;
      readonly events: number;
      readonly demoActors: DemoActors;
    };

/**
 * Seeds the demo bank (the generator in `src/seed`) into an empty database, in one transaction; a
 * database with data is left alone.
 *
 * @example
 * ```ts
 * await seedIfEmpty(store, { seed: 42, now: Date.now() });
 * ```
 */
export async function seedIfEmpty(store: Store, options: { seed?: number; months?: number; now?: number }): Promise<SeedResult> {
  if (!(await store.isEmpty())) return { seeded: false };
  const { generateDemoBank } = await import('../seed/index.js');
  const bank = generateDemoBank(options);
  return { seeded: true, ...(await store.importDemoBank(bank)), demoActors: bank.demoActors };
}

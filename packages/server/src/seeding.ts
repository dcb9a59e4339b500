import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoActors } from './seed/index.js';
import type { Store } from './store/store.js';

export type { DemoActors } from './seed/index.js';

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

/** @internal where the CLI remembers the demo actors of the seeded bank. */
export const DEMO_ACTORS_FILE = 'demo-actors.json';

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
  const { generateDemoBank } = await import('./seed/index.js');
  const bank = generateDemoBank(options);
  return { seeded: true, ...(await store.importDemoBank(bank)), demoActors: bank.demoActors };
}

/**
 * Keeps the demo actors in the data folder, so a later `serve` prints the same demo tokens.
 *
 * @example
 * ```ts
 * rememberDemoActors('./data', result.demoActors);
 * ```
 */
export function rememberDemoActors(dataDir: string, actors: DemoActors): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, DEMO_ACTORS_FILE), `${JSON.stringify(actors, null, 2)}\n`);
}

/**
 * The demo actors remembered in the data folder, else those the generator picks for the seed.
 *
 * @example
 * ```ts
 * const actors = await recallDemoActors('./data', { seed: 42 });
 * ```
 */
export async function recallDemoActors(dataDir: string, options: { seed?: number; months?: number }): Promise<DemoActors> {
  try {
    return JSON.parse(readFileSync(join(dataDir, DEMO_ACTORS_FILE), 'utf8')) as DemoActors;
  } catch {
    const { generateDemoBank } = await import('./seed/index.js');
    return generateDemoBank(options).demoActors;
  }
}

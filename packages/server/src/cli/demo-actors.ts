import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoActors } from '../seed/index.js';

/** @internal where the CLI remembers the demo actors of the seeded bank. */
export const DEMO_ACTORS_FILE = 'demo-actors.json';

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
    const { generateDemoBank } = await import('../seed/index.js');
    return generateDemoBank(options).demoActors;
  }
}

/**
 * @internal What a read worker sends for one batch of an NDJSON file (see `readDigested`): the rows
 * it read, and only those the engine has to act on, already checked and turned into the facts text
 * the engine keeps. A full build keeps about a quarter of the complaints it reads; the rest need
 * nothing from the engine but to be counted.
 */
export interface DigestedMessage {
  /** How many rows the batch covers (every one read, whether listed or not). */
  readonly rows: number;
  /** How far into the file the batch ends (characters), for progress bars. */
  readonly position: number;
  /**
   * One character per listed row: `k` kept (its number not kept before), `f` its number was kept
   * before (the engine takes it the long way, as a later version of that complaint), `u` no customer.
   */
  readonly flags: string;
  readonly ids: string[];
  /** The customer id, `''` for none. */
  readonly customers: string[];
  /** The facts as `encodeFact` writes them, `''` for none (merged or declined). */
  readonly facts: string[];
}

/**
 * @internal A {@link DigestedMessage} as the engine's source yields it: `TagEngine.run` takes it only
 * on an engine with nothing in memory and no saved state (a full build), where a row the worker
 * left out (linked, no longer counted by any rule, its number never kept) cannot change anything.
 */
export class DigestedRows {
  constructor(readonly batch: DigestedMessage) {}
}

/** @internal the worker's start data. */
export interface ReadWorkerData {
  /** The files it reads, in order. */
  readonly files: readonly string[];
  /** The run's instant (epoch ms): which complaints still count. */
  readonly asOf: number;
  /** The rule set (as loaded): which complaints still count. */
  readonly rules: unknown;
}

/** @internal what the worker posts: a batch, the end, or why it stopped. */
export type ReadWorkerMessage =
  | ({ readonly kind: 'batch' } & DigestedMessage)
  | { readonly kind: 'end' }
  | {
      readonly kind: 'input-error';
      readonly file: string;
      readonly line: number | null;
      readonly field: string | null;
      readonly reason: string;
    }
  | { readonly kind: 'failed'; readonly message: string };

/** @internal batches a worker may post ahead of the engine (backpressure: about a megabyte of file each). */
export const BATCHES_AHEAD = 4;

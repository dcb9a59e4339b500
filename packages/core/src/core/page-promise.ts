import type { Page } from './page.js';

/**
 * What a list method returns: `await` it for the first page, `for await` it for every item across
 * pages (fetched as you go), or `toArray({ limit })` to collect at most `limit` items. Nothing is
 * fetched until you do one of these.
 *
 * @example
 * ```ts
 * const first = await client.complaints.list({ status: ['accepted'] });        // one page
 * for await (const c of client.complaints.list({ status: ['accepted'] })) {}   // every item
 * const some = await client.complaints.list({ overdue: true }).toArray({ limit: 200 });
 * ```
 */
export class PagePromise<Item> implements PromiseLike<Page<Item>>, AsyncIterable<Item> {
  #first: Promise<Page<Item>> | undefined;
  constructor(private readonly load: () => Promise<Page<Item>>) {}

  #page(): Promise<Page<Item>> {
    this.#first ??= this.load();
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaited like a promise, on purpose.
  then<A = Page<Item>, B = never>(
    onfulfilled?: ((page: Page<Item>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page().then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`. @example `client.complaints.list().catch(report);` */
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<Item> | B> {
    return this.#page().catch(onrejected);
  }

  /** Like `Promise.prototype.finally`. @example `client.complaints.list().finally(stopSpinner);` */
  finally(onfinally?: (() => void) | null): Promise<Page<Item>> {
    return this.#page().finally(onfinally);
  }

  /** Every item across pages. @example `for await (const c of client.complaints.list()) console.log(c.id);` */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    yield* await this.#page();
  }

  /**
   * Collects items across pages, stopping at `limit` (required, as in Stripe's
   * `autoPagingToArray`, so a list of millions cannot fill memory by accident).
   *
   * @example
   * ```ts
   * const overdue = await client.complaints.list({ overdue: true }).toArray({ limit: 500 });
   * ```
   */
  async toArray(options: { limit: number }): Promise<Item[]> {
    const limit = options?.limit;
    if (typeof limit !== 'number' || !(limit >= 1) || !Number.isInteger(limit)) {
      throw new RangeError('toArray needs { limit }: a whole number ≥ 1, the most items to collect.');
    }
    const out: Item[] = [];
    for await (const item of this) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }
}

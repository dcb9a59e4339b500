/**
 * One page of a cursor-paginated list. Iterate it with `for await` to get every item of this page
 * and the pages after it, or walk pages yourself with `hasNextPage()` / `getNextPage()`.
 *
 * @example
 * ```ts
 * let page = await client.complaints.list({ overdue: true });
 * while (true) {
 *   render(page.data);
 *   if (!page.hasNextPage()) break;
 *   page = await page.getNextPage();
 * }
 * ```
 */
export class Page<Item> implements AsyncIterable<Item> {
  constructor(
    /** The items of this page. */
    readonly data: Item[],
    /** The cursor of the next page; `null` on the last page. */
    readonly nextCursor: string | null,
    private readonly fetchPage: (cursor: string) => Promise<Page<Item>>,
  ) {}

  /** Whether another page follows. @example `if (page.hasNextPage()) page = await page.getNextPage();` */
  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /** Fetches the next page (same filters and options); throws on the last page. @example `const next = await page.getNextPage();` */
  getNextPage(): Promise<Page<Item>> {
    if (this.nextCursor === null) return Promise.reject(new RangeError('This is the last page: check hasNextPage() first.'));
    return this.fetchPage(this.nextCursor);
  }

  /** This page and every page after it. @example `for await (const page of first.iterPages()) console.log(page.data.length);` */
  async *iterPages(): AsyncGenerator<Page<Item>> {
    let page: Page<Item> = this;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  /** Every item of this page and the pages after it. @example `for await (const c of page) console.log(c.id);` */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

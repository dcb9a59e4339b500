import type { TagAssignment } from '../model/assignment.js';

/**
 * @internal Puts assignments that come in the engine's evaluation order (customers by id, codes in
 * order within a customer) into key order (`<customerId>|<code>`, the snapshot export's order), as they
 * come. The two orders differ only where one customer id is a prefix of another (`C1` before `C1A` by
 * id, `C1A|…` before `C1|…` by key); such ids come one after the other by id, so the assignments are
 * held only while the customers share the first one's id as a prefix, and sorted when the next does not.
 *
 * @example
 * ```ts
 * const order = new KeyOrder();
 * const ready = order.push(a); // [] or assignments in key order
 * const rest = order.end();
 * ```
 */
export class KeyOrder {
  #group: TagAssignment[] = [];
  #head = '';

  /** Takes the next assignment (in evaluation order); returns those now known to come first by key. */
  push(a: TagAssignment): TagAssignment[] {
    let ready: TagAssignment[] = [];
    if (this.#group.length && !a.customerId.startsWith(this.#head)) ready = this.end();
    if (!this.#group.length) this.#head = a.customerId;
    this.#group.push(a);
    return ready;
  }

  /** The assignments still held, in key order. */
  end(): TagAssignment[] {
    const group = this.#group;
    this.#group = [];
    // One customer (nearly always): already in key order.
    if (group.length > 1 && group[0]!.customerId !== group.at(-1)!.customerId) group.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return group;
  }
}

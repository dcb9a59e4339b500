import { ComplaintKitError } from '../core/errors/complaint-kit-error.js';

/**
 * `add()` refused a payload that fails ComplaintKit's schema: nothing was queued. `fields` names
 * each bad field (path and what is wrong, never the value), ready for a form.
 *
 * @example
 * ```ts
 * try {
 *   await outbox.add('complaint', input);
 * } catch (e) {
 *   if (e instanceof OutboxValidationError) for (const f of e.fields) form.setError(f.path, f.message);
 * }
 * ```
 */
export class OutboxValidationError extends ComplaintKitError {
  override readonly name = 'OutboxValidationError';
  declare readonly code: 'validation_failed';
  readonly fields: readonly { path: string; message: string }[];
  constructor(kind: string, fields: readonly { path: string; message: string }[]) {
    const paths = fields.map((f) => f.path || '(root)').join(', ');
    super({}, 'validation_failed', `Not saved: the ${kind} fails the ComplaintKit schema`, `Fix these fields and add it again: ${paths}.`);
    this.fields = fields;
  }
}

/**
 * The outbox could not use its storage (full, blocked by the WebView, or closed). For `add()`,
 * nothing was saved: keep the form filled in and tell the user.
 *
 * @example
 * ```ts
 * try { await outbox.add('complaint', input); } catch (e) { if (e instanceof OutboxStorageError) toast('无法保存到本机'); }
 * ```
 */
export class OutboxStorageError extends ComplaintKitError {
  override readonly name = 'OutboxStorageError';
  declare readonly code: 'storage_failed';
  constructor(what: string, cause: unknown) {
    super(
      { cause }, 'storage_failed',
      `${what}: the device storage failed (full, unavailable or closed)`,
      'Free space or choose another storage, then try again.',
    );
  }
}

/**
 * The outbox was closed; create a new one to go on.
 *
 * @example
 * ```ts
 * await outbox.close();
 * await outbox.add('survey', answer).catch((e) => e instanceof OutboxClosedError); // true
 * ```
 */
export class OutboxClosedError extends ComplaintKitError {
  override readonly name = 'OutboxClosedError';
  declare readonly code: 'outbox_closed';
  constructor() {
    super({}, 'outbox_closed', 'This outbox is closed', 'Create a new outbox on the same storage to continue; queued items are kept.');
  }
}

/**
 * `retry(id)` or `remove(id)` named an item the storage does not hold, `retry` one that has not
 * failed, or `remove` one being sent.
 *
 * @example
 * ```ts
 * await outbox.retry('0192…').catch((e) => e instanceof OutboxItemError);
 * ```
 */
export class OutboxItemError extends ComplaintKitError {
  override readonly name = 'OutboxItemError';
  declare readonly code: 'item_not_found' | 'item_not_failed' | 'item_sending';
  constructor(code: 'item_not_found' | 'item_not_failed' | 'item_sending') {
    super(
      {}, code,
      code === 'item_not_found'
        ? 'No such item in the outbox (removed, or sent and pruned)'
        : code === 'item_not_failed'
          ? 'Only a failed item can be retried'
          : 'This item is being sent and cannot be removed',
      code === 'item_sending' ? 'Wait for the answer.' : 'Reload the list.',
    );
  }
}

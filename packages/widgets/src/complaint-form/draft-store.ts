/**
 * What the form keeps on the device while the customer types: the fields, the entry's idempotency
 * key (made when the entry starts) and, once sent, that the entry went to the outbox under that key.
 * Files are not kept (they can be large); the customer adds them again after a reload.
 *
 * @example
 * ```ts
 * const d: Draft = { key: '0192…', values: { description: '年费被扣' }, savedAt: Date.now(), submitted: false };
 * ```
 */
export interface Draft {
  key: string | undefined;
  values: DraftValues;
  savedAt: number;
  /** The entry is in the outbox under `key`: after a reload, show it instead of the fields. */
  submitted: boolean;
}

/**
 * The form's fields as typed.
 *
 * @example
 * ```ts
 * const v: DraftValues = { businessCategory: 'B0302', cause: 'C11', name: '张三', priorityGroups: ['elderly'] };
 * ```
 */
export interface DraftValues {
  businessCategory?: string;
  cause?: string;
  description?: string;
  requestedResolution?: string;
  name?: string;
  phone?: string;
  priorityGroups?: string[];
}

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (some WebViews): the draft lives in memory only
  }
};

/**
 * Drafts in `localStorage` under `ck-complaint-draft:<id>`; reads and writes never throw.
 *
 * @example
 * ```ts
 * const store = draftStore('default');
 * store.save({ key, values, savedAt: Date.now(), submitted: false });
 * ```
 */
export function draftStore(id: string): { load(): Draft | undefined; save(d: Draft): void; clear(): void } {
  const name = `ck-complaint-draft:${id}`;
  return {
    load() {
      try {
        const raw = storage()?.getItem(name);
        if (!raw) return undefined;
        const d = JSON.parse(raw) as Partial<Draft>;
        if (!d || typeof d !== 'object' || typeof d.values !== 'object' || d.values === null) return undefined;
        return { key: typeof d.key === 'string' ? d.key : undefined, values: d.values, savedAt: Number(d.savedAt) || 0, submitted: d.submitted === true };
      } catch {
        return undefined;
      }
    },
    save(d) {
      try {
        storage()?.setItem(name, JSON.stringify(d));
      } catch {
        // quota or blocked storage: keep typing, nothing is lost from the page
      }
    },
    clear() {
      try {
        storage()?.removeItem(name);
      } catch {
        // ignore
      }
    },
  };
}

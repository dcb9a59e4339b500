import type { OutboxItem } from './types.js';

/** @internal an item, or `undefined` for a missing or damaged value (left in place, never sent). */
export const parseItem = (text: string | null | undefined): OutboxItem | undefined => {
  if (text == null) return undefined;
  try {
    const item = JSON.parse(text) as OutboxItem;
    return typeof item?.id === 'string' && typeof item.kind === 'string' ? item : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Ticked checklist items, kept in the reader's browser (localStorage), one key per list:
 * `k8s-course.checklist.v1.<listId>` → JSON array of item ids. Every mounted view of a list
 * (the list itself, the achievement level) hears changes, in this tab and in other tabs.
 */

export const storageKey = (listId: string): string => `k8s-course.checklist.v1.${listId}`;

const EVENT = 'k8s-course:checklist';

export const EMPTY: ReadonlySet<string> = new Set();

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    // Storage can be switched off (privacy settings): the list then lives only in memory.
    return undefined;
  }
}

const memory = new Map<string, ReadonlySet<string>>();

export function readChecked(listId: string): ReadonlySet<string> {
  const store = storage();
  if (!store) return memory.get(listId) ?? EMPTY;
  try {
    const value: unknown = JSON.parse(store.getItem(storageKey(listId)) ?? '[]');
    return Array.isArray(value) ? new Set(value.filter((v): v is string => typeof v === 'string')) : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function writeChecked(listId: string, items: ReadonlySet<string>): void {
  const store = storage();
  memory.set(listId, items);
  try {
    if (items.size === 0) store?.removeItem(storageKey(listId));
    else store?.setItem(storageKey(listId), JSON.stringify([...items].sort()));
  } catch {
    // Quota or disabled storage: the in-memory copy still drives this page.
  }
  window.dispatchEvent(new CustomEvent(EVENT, { detail: listId }));
}

/** Calls `onChange` when the list changes here or in another tab; returns the unsubscribe. */
export function subscribeChecked(listId: string, onChange: () => void): () => void {
  const local = (event: Event) => {
    if ((event as CustomEvent<string>).detail === listId) onChange();
  };
  const other = (event: StorageEvent) => {
    if (event.key === null || event.key === storageKey(listId)) onChange();
  };
  window.addEventListener(EVENT, local);
  window.addEventListener('storage', other);
  return () => {
    window.removeEventListener(EVENT, local);
    window.removeEventListener('storage', other);
  };
}

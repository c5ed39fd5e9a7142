import { useCallback, useEffect, useState } from 'react';
import { EMPTY, readChecked, subscribeChecked, writeChecked } from './store';

export interface CheckedState {
  checked: ReadonlySet<string>;
  /** False on the server and until the browser's copy is read: render unchecked until then. */
  ready: boolean;
  toggle(itemId: string, on: boolean): void;
  reset(): void;
}

/** One list's ticks. The server and the first client render see nothing ticked, so hydration matches. */
export function useChecked(listId: string): CheckedState {
  const [checked, setChecked] = useState<ReadonlySet<string>>(EMPTY);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setChecked(readChecked(listId));
    setReady(true);
    return subscribeChecked(listId, () => setChecked(readChecked(listId)));
  }, [listId]);
  const toggle = useCallback(
    (itemId: string, on: boolean) => {
      const next = new Set(readChecked(listId));
      if (on) next.add(itemId);
      else next.delete(itemId);
      writeChecked(listId, next);
    },
    [listId],
  );
  const reset = useCallback(() => writeChecked(listId, EMPTY), [listId]);
  return { checked, ready, toggle, reset };
}

/** Several lists at once (the achievement level reads the four weekly lists). */
export function useCheckedLists(listIds: readonly string[]): { checked: Record<string, ReadonlySet<string>>; ready: boolean } {
  const key = listIds.join('|');
  const [checked, setChecked] = useState<Record<string, ReadonlySet<string>>>({});
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const ids = key.split('|');
    const load = () => setChecked(Object.fromEntries(ids.map((id) => [id, readChecked(id)])));
    load();
    setReady(true);
    const unsubscribe = ids.map((id) => subscribeChecked(id, load));
    return () => unsubscribe.forEach((u) => u());
  }, [key]);
  return { checked, ready };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChecked, storageKey, subscribeChecked, writeChecked } from './store';

/** A window with a Map-backed localStorage: enough for the store, without a browser. */
class MemoryStorage {
  private values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

const g = globalThis as unknown as { window?: unknown };

describe('the checklist store', () => {
  let fakeWindow: EventTarget & { localStorage: MemoryStorage };
  beforeEach(() => {
    fakeWindow = Object.assign(new EventTarget(), { localStorage: new MemoryStorage() });
    g.window = fakeWindow;
  });
  afterEach(() => {
    delete g.window;
  });

  it('keeps each list under its own key as a sorted JSON array, and forgets empty lists', () => {
    writeChecked('day2', new Set(['rollout', 'hierarchy']));
    expect(fakeWindow.localStorage.getItem(storageKey('day2'))).toBe('["hierarchy","rollout"]');
    expect([...readChecked('day2')]).toEqual(['hierarchy', 'rollout']);
    writeChecked('day2', new Set());
    expect(fakeWindow.localStorage.getItem(storageKey('day2'))).toBeNull();
  });

  it('treats a corrupt or foreign value as nothing ticked', () => {
    fakeWindow.localStorage.setItem(storageKey('day3'), '{not json');
    expect(readChecked('day3').size).toBe(0);
    fakeWindow.localStorage.setItem(storageKey('day3'), '{"a":1}');
    expect(readChecked('day3').size).toBe(0);
    fakeWindow.localStorage.setItem(storageKey('day3'), '["ok", 3]');
    expect([...readChecked('day3')]).toEqual(['ok']);
  });

  it('tells the views of the same list about changes, in this tab and from other tabs', () => {
    const seen: string[] = [];
    const stop = subscribeChecked('day1', () => seen.push('day1'));
    writeChecked('day1', new Set(['etcd']));
    writeChecked('day5', new Set(['monitoring']));
    const other = Object.assign(new Event('storage'), { key: storageKey('day1') });
    fakeWindow.dispatchEvent(other);
    stop();
    writeChecked('day1', new Set());
    expect(seen).toEqual(['day1', 'day1']);
  });
});

import { useLayoutEffect, useRef, type RefObject } from 'react';

function update(box: HTMLElement): void {
  const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
  if (scrolls) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

/**
 * A box that scrolls (a wide table, a long expected output) must be reachable by keyboard, or
 * keyboard readers cannot see what is cut off (WCAG 2.1.1, axe `scrollable-region-focusable`).
 * Only a box that actually overflows gets `tabindex="0"`: boxes that fit stay out of the Tab order,
 * so a lab page does not gain a Tab stop per table. Re-checked when the box resizes (narrow
 * screens, fonts loading) and when `content` changes (output streaming into a capped box, which
 * grows its scroll height without resizing the box).
 */
export function useFocusableWhenScrollable<T extends HTMLElement>(content?: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => update(box));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    if (ref.current) update(ref.current);
  }, [content]);
  return ref;
}

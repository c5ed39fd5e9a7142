import React, { type ComponentProps, type ReactNode } from 'react';
import { useFocusableWhenScrollable } from './useFocusableWhenScrollable';

/**
 * Markdown tables (MDXComponents `table`). Infima makes a table its own horizontal scroll box, so
 * one wider than the column (or the phone) must take keyboard focus to be read to its end.
 */
export default function Table(props: ComponentProps<'table'>): ReactNode {
  const ref = useFocusableWhenScrollable<HTMLTableElement>();
  return <table ref={ref} {...props} />;
}

import React, { type ComponentProps, type ReactNode } from 'react';
import { useFocusableWhenScrollable } from './useFocusableWhenScrollable';

/** A plain `<pre>` (expected or live output) that takes keyboard focus when its text overflows the box. */
export default function Pre(props: ComponentProps<'pre'>): ReactNode {
  const ref = useFocusableWhenScrollable<HTMLPreElement>(props.dangerouslySetInnerHTML?.__html ?? props.children);
  return <pre ref={ref} {...props} />;
}

import { createHash } from 'node:crypto';
import type { ColorMode } from './config';

/**
 * The id mermaid gives a diagram's `<svg>` and uses to scope its styles and markers. It must be
 * unique on the page (both colour modes of every diagram are in the HTML) and stable across builds
 * (so the output, and the cache, only change when the source does).
 */
export function diagramId(source: string, mode: ColorMode): string {
  return `mermaid-${createHash('sha256').update(source).digest('hex').slice(0, 12)}-${mode}`;
}

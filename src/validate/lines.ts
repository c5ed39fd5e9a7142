import { lineOfYamlPath } from '../core';
import { resolveFieldPath } from '../kube/field-path';
import type { ObjectItem } from './collect';

/**
 * The Markdown line of `field` in the item's document: the deepest key of the path
 * that the author wrote (an unknown field's own line, a missing field's parent),
 * else the document's first line.
 */
export function lineOfField(item: ObjectItem, field: string | undefined): number {
  if (!field) return item.document.line;
  const path = resolveFieldPath(field, item.document.object);
  if (path.length === 0) return item.document.line;
  return lineOfYamlPath(item.source, item.sourceLine, item.document.index, path);
}

/**
 * API field paths as the server writes them, turned into key/index segments so that
 * callers can find the YAML line with src/core's lineOfYamlPath. Three notations occur:
 * validation (`spec.template.spec.containers[0].image`, map keys as
 * `metadata.labels[app.kubernetes.io/name]`), strict decoding (`spec.replica`) and
 * server-side apply, whose list items are named by their keys
 * (`.spec.template.spec.containers[name="a"].ports[containerPort=80,protocol="TCP"]`).
 */
export type FieldSegment = string | number | { match: Record<string, string> };

function bracket(inside: string): FieldSegment {
  if (/^\d+$/.test(inside)) return Number(inside);
  const pairs = [...inside.matchAll(/([\w.\/-]*)=(?:"((?:[^"\\]|\\.)*)"|([^,\]]*))/g)];
  if (pairs.length > 0 && pairs.map((p) => p[0]).join(',') === inside) {
    return { match: Object.fromEntries(pairs.map((p) => [p[1]!, p[2] ?? p[3] ?? ''])) };
  }
  return inside;
}

export function fieldPathToSegments(field: string): FieldSegment[] {
  const segments: FieldSegment[] = [];
  let rest = field.trim().replace(/^\./, '');
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      // Quoted values may hold "]" (label values, paths): skip over quoted text.
      const close = /^\[((?:[^\]"]|"(?:[^"\\]|\\.)*")*)\]/.exec(rest);
      if (!close) break;
      segments.push(bracket(close[1]!));
      rest = rest.slice(close[0].length).replace(/^\./, '');
      continue;
    }
    const end = rest.search(/[.[]/);
    const key = end < 0 ? rest : rest.slice(0, end);
    if (key) segments.push(key);
    rest = end < 0 ? '' : rest.slice(end).replace(/^\./, '');
  }
  return segments;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Segments with list-item selectors resolved to indices in `object` (the manifest as
 * written). A selector key the item does not have is skipped: the server compares
 * against defaulted values (protocol "TCP") the author never wrote. Stops at the
 * deepest part that exists, which is the line to point at.
 */
export function resolveFieldPath(field: string, object: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = object;
  for (const segment of fieldPathToSegments(field)) {
    if (typeof segment === 'object') {
      if (!Array.isArray(node)) break;
      const index = node.findIndex((item) => {
        if (!isRecord(item)) return Object.values(segment.match).includes(String(item));
        const keys = Object.keys(segment.match).filter((key) => key in item);
        return keys.length > 0 && keys.every((key) => String(item[key]) === segment.match[key]);
      });
      if (index < 0) break;
      path.push(index);
      node = node[index];
      continue;
    }
    path.push(segment);
    node = Array.isArray(node) && typeof segment === 'number' ? node[segment] : isRecord(node) ? node[String(segment)] : undefined;
  }
  return path;
}

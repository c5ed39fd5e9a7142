import type { ObjectItem } from './collect';
import { findRemovedApi, removedApiMessage } from './removed-apis';
import type { Verdict } from './verdict';

/**
 * Checks both modes make before asking anyone: removed API versions (named with their
 * replacement, whatever the cluster serves) and a missing metadata.name.
 * Returns a verdict when the object is settled here.
 */
export function precheck(item: ObjectItem): Verdict | undefined {
  const { apiVersion, kind, object } = item.document;
  const removed = findRemovedApi(apiVersion, kind);
  if (removed) {
    return rejectApiVersion(item, removedApiMessage(removed, kind));
  }
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata?.name && !metadata?.generateName) {
    const message = `${kind}에 metadata.name이 없습니다. 모든 객체에는 이름이 필요합니다 (metadata.name: my-app처럼 소문자, 숫자, "-"로).`;
    return {
      item,
      outcome: 'rejected',
      problems: [{ field: 'metadata.name', message }],
      text: `${message}\nmetadata.name: Required value: name or generateName is required`,
      warnings: [],
    };
  }
  return undefined;
}

/** An apiVersion/kind nobody serves: rejected with the text the API server itself would give. */
export function rejectApiVersion(item: ObjectItem, message: string): Verdict {
  const { apiVersion, kind } = item.document;
  return {
    item,
    outcome: 'rejected',
    problems: [{ field: 'apiVersion', message }],
    // What the server says about a version it does not serve, for expect-invalid.
    text: `${message}\nno matches for kind "${kind}" in version "${apiVersion}"`,
    warnings: [],
  };
}

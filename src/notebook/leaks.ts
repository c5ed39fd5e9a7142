/**
 * Leak check: what a notebook (or a chain of notebooks that keep state for each other) left in the
 * cluster outside its own namespace. Pure: two inventories in, Korean lines out.
 */
import type { InventoryItem } from '../kube/inventory';

/** Churn, not leaks: the cluster makes and renews these on its own (and Endpoints follow their Service). */
export const CHURN_RESOURCES = new Set([
  'events',
  'events.events.k8s.io',
  'leases.coordination.k8s.io',
  'endpoints',
  'endpointslices.discovery.k8s.io',
  // The API server's own request bookkeeping, created on use.
  'selfsubjectreviews.authentication.k8s.io',
]);

export const DELETING_NOTE = ' (지우는 중이었지만 끝나지 않았습니다)';

const resourceKey = (item: Pick<InventoryItem, 'group' | 'resource'>): string => (item.group ? `${item.resource}.${item.group}` : item.resource);

/** Local APIServices the API server registers for each CRD group: they go with the CRD. */
const isAutomanaged = (item: InventoryItem): boolean => item.labels['kube-aggregator.kubernetes.io/automanaged'] !== undefined;

function describe(item: InventoryItem): string {
  const kind = item.group ? `${item.kind}.${item.group}` : item.kind;
  return `${kind} ${item.namespace ? `${item.namespace}/` : ''}${item.name}`;
}

/**
 * Objects in `after` that were not in `before` (by UID), minus churn, owned objects (their owner is
 * reported, or is not the notebook's), and the notebook's own namespaces. A leaked namespace is one
 * line with the count of what is inside it.
 */
export function findLeaks(before: readonly InventoryItem[], after: readonly InventoryItem[], ownNamespaces: readonly string[]): string[] {
  const known = new Set(before.map((i) => i.uid));
  const own = new Set(ownNamespaces);
  const fresh = after.filter((i) => !known.has(i.uid) && !CHURN_RESOURCES.has(resourceKey(i)) && !i.owned && !isAutomanaged(i));
  const leakedNamespaces = new Set(fresh.filter((i) => i.kind === 'Namespace' && i.group === '' && !own.has(i.name)).map((i) => i.name));
  const inside = new Map<string, number>();
  const lines: InventoryItem[] = [];
  for (const item of fresh) {
    if (item.namespace && (own.has(item.namespace) || leakedNamespaces.has(item.namespace))) {
      if (leakedNamespaces.has(item.namespace)) inside.set(item.namespace, (inside.get(item.namespace) ?? 0) + 1);
      continue;
    }
    if (item.kind === 'Namespace' && item.group === '' && own.has(item.name)) continue;
    lines.push(item);
  }
  return lines
    .map((item) => {
      const text = describe(item);
      const extra = item.kind === 'Namespace' && inside.get(item.name) ? ` (안의 객체 ${inside.get(item.name)}개 포함)` : '';
      return `${text}${extra}${item.deleting ? DELETING_NOTE : ''}`;
    })
    .sort();
}

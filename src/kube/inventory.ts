/**
 * Everything a cluster holds, as names only: every served, listable resource type (discovery of
 * each group's preferred version), listed as metadata. The notebook runner compares two of these
 * to find what a notebook left behind (src/notebook/leaks.ts).
 */
import { mapLimit } from './concurrency';
import { kubeRequest } from './http';
import type { KubeTarget } from './types';

export interface InventoryItem {
  group: string;
  kind: string;
  /** Plural resource name (`deployments`). */
  resource: string;
  namespace?: string;
  name: string;
  uid: string;
  /** Has an owner: it lives and dies with that owner (a ReplicaSet's pods, a CRD's APIService ...). */
  owned: boolean;
  deleting: boolean;
  labels: Record<string, string>;
}

interface GroupList {
  groups?: Array<{ name: string; preferredVersion?: { groupVersion: string } }>;
}
interface ResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[] }>;
}
interface MetaList {
  items?: Array<{ metadata?: { name?: string; namespace?: string; uid?: string; ownerReferences?: unknown[]; deletionTimestamp?: string; labels?: Record<string, string> } }>;
  metadata?: { continue?: string };
}

const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

async function get<T>(target: KubeTarget, path: string, query?: Record<string, string | undefined>, accept?: string): Promise<T | undefined> {
  const response = await kubeRequest(target, { method: 'GET', path, query, accept });
  // A group that went away between discovery and listing (a CRD just deleted), or one we may not read.
  if (response.status === 404 || response.status === 403 || response.status === 405) return undefined;
  if (response.status >= 400) throw new Error(`${path}: HTTP ${response.status}`);
  return response.body as T;
}

/** The served, listable types: group, version path and resource. */
async function listableTypes(target: KubeTarget): Promise<Array<{ group: string; base: string; kind: string; resource: string }>> {
  const groups = (await get<GroupList>(target, '/apis'))?.groups ?? [];
  const versions = [{ group: '', base: '/api/v1' }, ...groups.flatMap((g) => (g.preferredVersion ? [{ group: g.name, base: `/apis/${g.preferredVersion.groupVersion}` }] : []))];
  const lists = await mapLimit(versions, 8, async (v) => ({ ...v, list: await get<ResourceList>(target, v.base) }));
  return lists.flatMap(({ group, base, list }) =>
    (list?.resources ?? []).filter((r) => !r.name.includes('/') && r.verbs?.includes('list')).map((r) => ({ group, base, kind: r.kind, resource: r.name })),
  );
}

/** Every object of the cluster (names, owners, labels), across all namespaces. */
export async function clusterInventory(target: KubeTarget, options: { skipResources?: ReadonlySet<string> } = {}): Promise<InventoryItem[]> {
  const types = (await listableTypes(target)).filter((t) => !options.skipResources?.has(t.group ? `${t.resource}.${t.group}` : t.resource));
  const perType = await mapLimit(types, 8, async (type) => {
    const items: InventoryItem[] = [];
    let next: string | undefined;
    do {
      const page: MetaList | undefined = await get<MetaList>(target, `${type.base}/${type.resource}`, { limit: '500', continue: next }, METADATA_ONLY);
      for (const item of page?.items ?? []) {
        const m = item.metadata ?? {};
        if (!m.name || !m.uid) continue;
        items.push({
          group: type.group,
          kind: type.kind,
          resource: type.resource,
          namespace: m.namespace,
          name: m.name,
          uid: m.uid,
          owned: (m.ownerReferences?.length ?? 0) > 0,
          deleting: Boolean(m.deletionTimestamp),
          labels: m.labels ?? {},
        });
      }
      next = page?.metadata?.continue || undefined;
    } while (next);
    return items;
  });
  return perType.flat();
}

import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from './http';
import { isBuiltInGroup, splitApiVersion } from './api-version';
import type { KubeTarget } from './types';

export { isBuiltInGroup, splitApiVersion };

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name used in URLs (`deployments`). */
  resource: string;
  namespaced: boolean;
}

export type Resolution =
  | { found: true; info: ResourceInfo }
  /** `groupVersion`: the group/version is not served at all; `kind`: served, but without this kind. */
  | { found: false; missing: 'groupVersion' | 'kind'; group: string; version: string };

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

interface CacheEntry {
  at: number;
  list: Promise<ApiResourceList | undefined>;
}

/** A miss is looked up again only after this long: CRDs appear, but 500 objects must not mean 500 lookups. */
const MISS_RETRY_MS = 2_000;

const caches = new WeakMap<KubeConfig, Map<string, CacheEntry>>();

function fetchList(target: KubeTarget, apiVersion: string): Promise<ApiResourceList | undefined> {
  const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return kubeRequest(target, { method: 'GET', path }).then((response) => {
    if (response.status === 404) return undefined;
    if (response.status >= 400) {
      throw Object.assign(new Error(`discovery ${path}: HTTP ${response.status}`), { response });
    }
    return response.body as ApiResourceList;
  });
}

function cacheOf(target: KubeTarget): Map<string, CacheEntry> {
  let cache = caches.get(target.kubeConfig);
  if (!cache) caches.set(target.kubeConfig, (cache = new Map()));
  return cache;
}

function entry(target: KubeTarget, apiVersion: string, fresh: boolean): CacheEntry {
  const cache = cacheOf(target);
  let found = cache.get(apiVersion);
  if (!found || fresh) {
    found = { at: Date.now(), list: fetchList(target, apiVersion) };
    // Failures (unreachable, 403) are not remembered: the next object asks again.
    found.list.catch(() => cache.delete(apiVersion));
    cache.set(apiVersion, found);
  }
  return found;
}

function lookup(list: ApiResourceList | undefined, kind: string): ApiResourceList['resources'] extends (infer R)[] | undefined ? R | undefined : never {
  // Subresources (`deployments/scale`) share the kind of other types; skip them.
  return list?.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
}

/**
 * Which URL and scope a kind has, from the API server's discovery, cached per
 * target. Rejects only when the server cannot be asked (KubeUnreachableError,
 * or an Error carrying the HTTP `response`).
 */
export async function resolveResource(target: KubeTarget, apiVersion: string, kind: string): Promise<Resolution> {
  const { group, version } = splitApiVersion(apiVersion);
  let current = entry(target, apiVersion, false);
  let list = await current.list;
  let resource = lookup(list, kind);
  if (!resource && Date.now() - current.at > MISS_RETRY_MS) {
    current = entry(target, apiVersion, true);
    list = await current.list;
    resource = lookup(list, kind);
  }
  if (!resource) return { found: false, missing: list ? 'kind' : 'groupVersion', group, version };
  return { found: true, info: { group, version, kind, resource: resource.name, namespaced: resource.namespaced } };
}

/** Drops what discovery remembered, e.g. after CRDs were installed. */
export function forgetDiscovery(target: KubeTarget): void {
  caches.delete(target.kubeConfig);
}

export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const scope = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${root}${scope}/${info.resource}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

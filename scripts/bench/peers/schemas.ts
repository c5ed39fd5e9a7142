/**
 * Offline schemas for the peer validators, made from the project's own OpenAPI snapshot
 * (src/validate/openapi/kubernetes.json.gz) and the corpus' CRDs, so all three validators
 * judge against the same Kubernetes v1.37.2 API:
 * - kubeconform: one standalone JSON schema per kind, strict like `openapi2jsonschema --strict`
 *   (undeclared fields are errors), at `<dir>/<group>/<version>/<kind>.json`, which is the
 *   `-schema-location` template `<dir>/{{ .Group }}/{{ .ResourceAPIVersion }}/{{ .ResourceKind }}.json`.
 * - kubectl-validate: OpenAPI v3 per group-version, in the layout of the API server's
 *   /openapi/v3 (`api/v1.json`, `apis/<group>/<version>.json`), for `--local-schemas`;
 *   the CRDs go to `--local-crds` as they are.
 * Only the kinds and group-versions the corpus uses are written.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { splitApiVersion } from '../../../src/kube/api-version';
import { reduceSchema, SCHEMA_REF_PREFIX, type OpenApiSnapshot, type SnapshotSchema } from '../../../src/validate/offline/snapshot-format';
import { customResourceSchema, strictSchema } from '../../../src/validate/offline/strict';

export const KUBECONFORM_TEMPLATE = '{{ .Group }}/{{ .ResourceAPIVersion }}/{{ .ResourceKind }}.json';

/** Cluster-scoped kinds the corpus may hold (the snapshot has no scopes; kubectl-validate wants them). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CustomResourceDefinition',
  'IngressClass', 'PriorityClass', 'RuntimeClass', 'CSIDriver', 'VolumeAttachment', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService',
  'ClusterIssuer', 'GatewayClass', 'PodSecurityPolicy',
]);

export interface CorpusCrd {
  group: string;
  version: string;
  kind: string;
  scope: string;
  schema: SnapshotSchema;
}

const refsOf = (schema: unknown, into: Set<string>): void => {
  if (Array.isArray(schema)) for (const s of schema) refsOf(s, into);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF_PREFIX)) into.add(v.slice(SCHEMA_REF_PREFIX.length));
      else refsOf(v, into);
    }
  }
};

/** Names of every schema reachable from `roots`. */
function reachable(snapshot: OpenApiSnapshot, roots: readonly SnapshotSchema[]): Set<string> {
  const seen = new Set<string>();
  const todo: string[] = [];
  for (const root of roots) {
    const found = new Set<string>();
    refsOf(root, found);
    todo.push(...found);
  }
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name) || !snapshot.schemas[name]) continue;
    seen.add(name);
    const found = new Set<string>();
    refsOf(snapshot.schemas[name], found);
    todo.push(...found);
  }
  return seen;
}

const toDefinitions = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll(`"${SCHEMA_REF_PREFIX}`, '"#/definitions/'));

function standalone(snapshot: OpenApiSnapshot, root: SnapshotSchema): unknown {
  const definitions = Object.fromEntries([...reachable(snapshot, [root])].sort().map((name) => [name, toDefinitions(strictSchema(snapshot.schemas[name]))]));
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...(toDefinitions(root) as object), definitions };
}

/** `apps/v1` -> the path kubeconform's template gives (Group is the whole group, `v1` for core). */
function kubeconformFile(dir: string, apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [apiVersion, apiVersion];
  return path.join(dir, group!, version!, `${kind.toLowerCase()}.json`);
}

export function writeKubeconformSchemas(dir: string, snapshot: OpenApiSnapshot, kinds: ReadonlySet<string>, crds: readonly CorpusCrd[]): number {
  rmSync(dir, { recursive: true, force: true });
  let written = 0;
  const write = (apiVersion: string, kind: string, schema: unknown): void => {
    const file = kubeconformFile(dir, apiVersion, kind);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(schema));
    written += 1;
  };
  for (const key of kinds) {
    const name = snapshot.kinds[key];
    if (!name) continue;
    const [apiVersion, kind] = key.split(' ') as [string, string];
    write(apiVersion, kind, standalone(snapshot, strictSchema(snapshot.schemas[name])));
  }
  for (const crd of crds) {
    write(`${crd.group}/${crd.version}`, crd.kind, standalone(snapshot, customResourceSchema(reduceSchema(crd.schema, { cel: 0 }), '')));
  }
  return written;
}

/** One OpenAPI v3 document per group-version, as the API server serves it (refs and all). */
export function writeKubectlValidateSchemas(dir: string, snapshot: OpenApiSnapshot, kinds: ReadonlySet<string>): number {
  rmSync(dir, { recursive: true, force: true });
  const byGv = new Map<string, string[]>();
  for (const key of kinds) {
    const [apiVersion] = key.split(' ') as [string];
    // Every kind of the snapshot's group-version, as in the real document, not only the corpus'.
    if (!byGv.has(apiVersion)) byGv.set(apiVersion, Object.keys(snapshot.kinds).filter((k) => k.startsWith(`${apiVersion} `)));
  }
  for (const [apiVersion, gvKinds] of byGv) {
    if (gvKinds.length === 0) continue;
    const { group, version } = splitApiVersion(apiVersion);
    const roots = gvKinds.map((k) => snapshot.schemas[snapshot.kinds[k]!]!).filter(Boolean);
    const names = new Set([...gvKinds.map((k) => snapshot.kinds[k]!), ...reachable(snapshot, roots)]);
    const schemas: Record<string, unknown> = {};
    for (const name of names) if (snapshot.schemas[name]) schemas[name] = { ...snapshot.schemas[name] };
    for (const k of gvKinds) {
      const kind = k.split(' ')[1]!;
      const schema = schemas[snapshot.kinds[k]!] as Record<string, unknown> | undefined;
      if (!schema) continue;
      const gvks = (schema['x-kubernetes-group-version-kind'] as unknown[] | undefined) ?? [];
      schema['x-kubernetes-group-version-kind'] = [...gvks, { group, version, kind }];
      schema['x-kubectl-validate-scope'] = CLUSTER_SCOPED.has(kind) ? 'Cluster' : 'Namespaced';
    }
    const file = group ? path.join(dir, 'apis', group, `${version}.json`) : path.join(dir, 'api', `${version}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes', version: snapshot.kubernetesVersion }, paths: {}, components: { schemas } }));
  }
  return byGv.size;
}

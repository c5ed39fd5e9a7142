/**
 * Writes src/validate/openapi/kubernetes.json.gz, the offline validator's schemas,
 * from a running API server (the project's local control plane, which has the CRD
 * catalog installed): /openapi/v3 and each group-version document, reduced to what
 * validation needs. Only built-in kinds and the CRD catalog's kinds are kept (the
 * validator applies the content's own CRDs for real, so a used cluster holds more).
 * Run after bumping Kubernetes or the CRD catalog, then commit the file:
 *
 *   eval "$(bash scripts/cluster/cluster.sh env)" && npx tsx scripts/validate/snapshot-openapi.ts
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { closeTarget, isBuiltInGroup, kubeRequest, loadTarget, mapLimit, serverVersion } from '../../src/kube';
import { reduceSchema, type OpenApiSnapshot, type SnapshotSchema } from '../../src/validate/offline/snapshot-format';

const OUTPUT = path.resolve('src/validate/openapi/kubernetes.json.gz');

interface Discovery {
  paths: Record<string, { serverRelativeURL: string }>;
}

interface GroupVersionDocument {
  components?: { schemas?: Record<string, Record<string, unknown> & { 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[] }> };
}

const run = promisify(execFile);

/**
 * `group/version Kind` of the CRD catalog (scripts/cluster/cluster.sh crds --list). Other
 * CRDs in the cluster came from course content (the validator applies those for real)
 * or from tests, and must not become part of the snapshot.
 */
async function catalogKinds(): Promise<Set<string>> {
  const { stdout } = await run('bash', ['scripts/cluster/cluster.sh', 'crds', '--list']);
  const kinds = new Set<string>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [group, kind, versions] = line.split('\t');
    for (const version of (versions ?? '').split(',').filter(Boolean)) {
      kinds.add(`${group}/${version} ${kind}`);
      kinds.add(`${group}/${version} ${kind}List`);
    }
  }
  if (kinds.size === 0) throw new Error('cluster.sh crds --list가 아무것도 내놓지 않았습니다.');
  return kinds;
}

async function main(): Promise<void> {
  const target = loadTarget();
  const version = await serverVersion(target);
  const index = await kubeRequest(target, { method: 'GET', path: '/openapi/v3' });
  if (index.status !== 200) throw new Error(`/openapi/v3: HTTP ${index.status}`);
  const groupVersions = Object.entries((index.body as Discovery).paths).filter(([name]) => /^apis?\/[^/]+(\/[^/]+)?$/.test(name) && name !== 'apis');
  const catalog = await catalogKinds();
  const stats = { cel: 0 };
  const schemas: Record<string, SnapshotSchema> = {};
  const raw: Record<string, unknown> = {};
  const kinds: Record<string, string> = {};
  await mapLimit(groupVersions, 8, async ([name, { serverRelativeURL }]) => {
    const url = new URL(serverRelativeURL, 'http://x');
    const response = await kubeRequest(target, { method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), timeoutMs: 120_000 });
    if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
    const gvPath = name.replace(/^apis?\//, '');
    for (const [schemaName, schema] of Object.entries((response.body as GroupVersionDocument).components?.schemas ?? {})) {
      for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        // Each document also lists shared kinds (DeleteOptions, WatchEvent) for every group; keep the document's own.
        const key = `${apiVersion} ${gvk.kind}`;
        if (apiVersion === gvPath && (isBuiltInGroup(gvk.group) || catalog.has(key))) kinds[key] = schemaName;
      }
      raw[schemaName] ??= schema;
    }
  });
  // Only schemas some kept kind can reach: content CRDs and unrelated leftovers stay out.
  const reachable = new Set<string>();
  const visit = (name: string): void => {
    if (reachable.has(name) || !raw[name]) return;
    reachable.add(name);
    for (const match of JSON.stringify(raw[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(match[1]!);
  };
  Object.values(kinds).forEach(visit);
  for (const name of reachable) schemas[name] = reduceSchema(raw[name], stats);
  const snapshot: OpenApiSnapshot = {
    kubernetesVersion: version,
    generatedAt: new Date().toISOString(),
    kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b))),
    schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    celRulesDropped: stats.cel,
  };
  const json = JSON.stringify(snapshot);
  const gz = gzipSync(json, { level: 9 });
  await mkdir(path.dirname(OUTPUT), { recursive: true });
  await writeFile(OUTPUT, gz);
  await closeTarget(target);
  console.log(
    `${path.relative(process.cwd(), OUTPUT)}: Kubernetes ${version}, 그룹/버전 ${groupVersions.length}개, 종류 ${Object.keys(kinds).length}개, ` +
      `스키마 ${Object.keys(schemas).length}개, CEL 규칙 ${stats.cel}개 제외, ${(json.length / 1e6).toFixed(1)} MB → gzip ${(gz.length / 1e3).toFixed(0)} KB`,
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});

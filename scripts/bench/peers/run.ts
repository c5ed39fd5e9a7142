/**
 * Runs kubeconform and kubectl-validate over a corpus written to disk (one file per YAML
 * block) with the offline schemas of ./schemas.ts, and says per file whether they rejected it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { OpenApiSnapshot } from '../../../src/validate/offline/snapshot-format';
import type { PeerBinaries } from './build';
import { KUBECONFORM_TEMPLATE, writeKubeconformSchemas, writeKubectlValidateSchemas, type CorpusCrd } from './schemas';

const run = promisify(execFile);

export interface PeerSetup {
  dir: string;
  kubeconformSchemas: string;
  kubectlValidateSchemas: string;
  crdDir: string;
  note: string;
}

/** What the corpus needs: the `apiVersion Kind` keys it uses and the CRDs it defines. */
export function corpusNeeds(blocks: readonly string[]): { kinds: Set<string>; crds: CorpusCrd[]; crdSources: string[] } {
  const kinds = new Set<string>();
  const crds: CorpusCrd[] = [];
  const crdSources: string[] = [];
  for (const block of blocks) {
    for (const doc of parseAllDocuments(block)) {
      if (doc.errors.length > 0) continue;
      const object = doc.toJS() as Record<string, unknown> | null;
      if (!object || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
      kinds.add(`${object.apiVersion} ${object.kind}`);
      if (object.kind !== 'CustomResourceDefinition') continue;
      crdSources.push(doc.toString());
      const spec = object.spec as { group: string; scope?: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Record<string, unknown> } }[] };
      for (const version of spec.versions ?? []) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema) crds.push({ group: spec.group, version: version.name, kind: spec.names.kind, scope: spec.scope ?? 'Namespaced', schema });
      }
    }
  }
  return { kinds, crds, crdSources };
}

export function preparePeers(dir: string, snapshot: OpenApiSnapshot, blocks: readonly string[]): PeerSetup {
  const { kinds, crds, crdSources } = corpusNeeds(blocks);
  const kubeconformSchemas = path.join(dir, 'schemas', 'kubeconform');
  const kubectlValidateSchemas = path.join(dir, 'schemas', 'kubectl-validate');
  const crdDir = path.join(dir, 'schemas', 'crds');
  const kc = writeKubeconformSchemas(kubeconformSchemas, snapshot, kinds, crds);
  const gvs = writeKubectlValidateSchemas(kubectlValidateSchemas, snapshot, kinds);
  rmSync(crdDir, { recursive: true, force: true });
  mkdirSync(crdDir, { recursive: true });
  crdSources.forEach((source, i) => writeFileSync(path.join(crdDir, `crd-${i}.yaml`), source));
  return {
    dir,
    kubeconformSchemas,
    kubectlValidateSchemas,
    crdDir,
    note: `스냅숏 ${snapshot.kubernetesVersion}에서 kubeconform 스키마 ${kc}개(종류마다, strict), kubectl-validate OpenAPI v3 문서 ${gvs}개(group-version마다), 본문 CRD ${crdSources.length}개`,
  };
}

/** Writes blocks as files `<prefix>-<n>.yaml` in `dir`; returns the paths in order. */
export function writeCorpus(dir: string, blocks: readonly string[], names?: readonly string[]): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return blocks.map((block, i) => {
    const file = path.join(dir, `${names?.[i] ?? String(i).padStart(4, '0')}.yaml`);
    writeFileSync(file, `${block}\n`);
    return file;
  });
}

export interface PeerRun {
  ms: number;
  /** Files with at least one object rejected (or not checkable: no schema, unparsable YAML). */
  rejected: Map<string, string>;
}

interface ExecFailure {
  stdout?: string;
  stderr?: string;
  code?: number;
}

async function exec(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(file, args, { env, maxBuffer: 256 * 1024 * 1024 });
    return { stdout, stderr, ms: performance.now() - started };
  } catch (error) {
    const failure = error as ExecFailure;
    if (failure.stdout === undefined) throw error;
    return { stdout: failure.stdout, stderr: failure.stderr ?? '', ms: performance.now() - started };
  }
}

/** Without a kubeconfig: both peers must judge from the local schemas alone. */
const offlineEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, KUBECONFIG: '/nonexistent/kubeconfig' });

export async function runKubeconform(bin: PeerBinaries, setup: PeerSetup, files: readonly string[], version: string): Promise<PeerRun> {
  const args = [
    '-strict',
    '-output', 'json',
    '-kubernetes-version', version.replace(/^v/, ''),
    '-schema-location', path.join(setup.kubeconformSchemas, KUBECONFORM_TEMPLATE),
    ...files,
  ];
  const { stdout, ms } = await exec(bin.kubeconform, args, offlineEnv());
  const rejected = new Map<string, string>();
  const parsed = JSON.parse(stdout || '{"resources":[]}') as { resources?: { filename: string; status: string; msg?: string }[] };
  for (const r of parsed.resources ?? []) {
    if (r.status === 'statusInvalid' || r.status === 'statusError') rejected.set(r.filename, `${r.status.replace('status', '')}: ${r.msg ?? ''}`);
  }
  return { ms, rejected };
}

/**
 * kubectl-validate asks a cluster (kubeconfig) for schemas it has no local file for, and then
 * the schemas it ships (up to 1.30) and GitHub; with no answer from any it refuses to start.
 * A stand-in "cluster" that serves an empty OpenAPI v3 index ends that chain without adding
 * anything, so it judges by our local v1.37 schemas alone.
 */
async function withEmptyOpenApiServer<T>(dir: string, body: (kubeconfig: string) => Promise<T>): Promise<T> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(request.url?.startsWith('/openapi/v3') ? '{"paths":{}}' : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = path.join(dir, 'empty-openapi.kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters: [{name: none, cluster: {server: "http://127.0.0.1:${port}"}}]\n` +
      `users: [{name: none, user: {}}]\ncontexts: [{name: none, context: {cluster: none, user: none}}]\ncurrent-context: none\n`,
  );
  try {
    return await body(kubeconfig);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function runKubectlValidate(bin: PeerBinaries, setup: PeerSetup, files: readonly string[], version: string): Promise<PeerRun> {
  const minor = version.replace(/^v/, '').split('.').slice(0, 2).join('.');
  const args = ['--local-schemas', setup.kubectlValidateSchemas, '--local-crds', setup.crdDir, '--version', minor, '-o', 'json', ...files];
  const { stdout, stderr, ms } = await withEmptyOpenApiServer(setup.dir, (kubeconfig) =>
    exec(bin['kubectl-validate'], args, { ...offlineEnv(), KUBECONFIG: kubeconfig }),
  );
  const rejected = new Map<string, string>();
  let parsed: Record<string, { status?: string; message?: string }[]>;
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw new Error(`kubectl-validate 출력이 JSON이 아닙니다: ${(stdout || stderr).slice(0, 400)}`);
  }
  for (const [file, statuses] of Object.entries(parsed)) {
    const failure = statuses.find((s) => s.status === 'Failure');
    if (failure) rejected.set(file, failure.message ?? 'Failure');
  }
  return { ms, rejected };
}

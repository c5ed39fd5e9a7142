import {
  applyObjects,
  deleteObjects,
  ensureNamespaces,
  forgetDiscovery,
  judgeLearningCluster,
  kubeRequest,
  mapLimit,
  serverVersion,
  waitForCrdsEstablished,
  type KubeTarget,
  type ObjectResult,
} from '../kube';
import { sleep } from '../kube/sleep';
import type { ObjectItem } from './collect';
import { RunError } from './errors';
import { explain } from './explain';
import { precheck } from './prechecks';
import type { Verdict } from './verdict';

export const VALIDATE_FIELD_MANAGER = 'k8s-course-validate';
const CRD_WAIT_MS = 60_000;

export { RunError } from './errors';

export interface ClusterOptions {
  target: KubeTarget;
  /** Refuse contexts that are not learning/throwaway clusters (CI default). */
  requireThrowaway: boolean;
  /** Objects in flight at once (default 16). */
  concurrency?: number;
  timeoutMs?: number;
  /** Leave the namespaces this run created (default: deleted at the end, without waiting). */
  keepNamespaces?: boolean;
}

/** Cluster-mode result of one API call, as a verdict. */
export function verdictOf(item: ObjectItem, result: ObjectResult): Verdict {
  const warnings = result.warnings;
  if (result.status === 'valid' || result.status === 'created' || result.status === 'configured' || result.status === 'unchanged') {
    return { item, outcome: 'accepted', problems: [], text: result.message, warnings };
  }
  const causes = result.causes ?? [];
  const text = [result.message, ...causes.map((c) => `${c.field ?? ''}: ${c.message}`)].join('\n');
  if (result.status === 'invalid' || (result.status === 'error' && result.reason === 'NoKindMatch')) {
    const problems =
      result.status === 'invalid' && causes.length > 0
        ? causes.map((cause) => ({ field: cause.field, message: explain(cause.field && !cause.message.includes(cause.field) ? `${cause.field}: ${cause.message}` : cause.message) }))
        : [{ field: causes[0]?.field, message: result.status === 'invalid' ? explain(result.message) : result.message }];
    return { item, outcome: 'rejected', problems, text, warnings };
  }
  return { item, outcome: 'error', problems: [{ message: result.message }], text, warnings };
}

const NAMESPACE_GONE_MS = 90_000;

/** Creates the namespaces the objects live in; returns the names that could not be made, with why. */
async function prepareNamespaces(
  target: KubeTarget,
  items: readonly ObjectItem[],
  made: Set<string>,
  timeoutMs?: number,
): Promise<Map<string, string>> {
  const created = await ensureNamespaces(target, namespacesNeeded(items), timeoutMs);
  for (const result of created) if (result.status === 'created') made.add(result.name);
  const stopper = created.find((r) => r.status === 'unreachable' || r.status === 'forbidden');
  if (stopper) throw new RunError(stopper.message);
  const failed = new Map<string, string>();
  for (const result of created) {
    // A namespace still terminating is retried per object later.
    if (result.status === 'invalid') failed.set(result.name, result.message);
  }
  return failed;
}

async function waitForNamespacesGone(target: KubeTarget, names: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...names];
  while (pending.length > 0 && Date.now() < deadline) {
    const gone = await Promise.all(
      pending.map(async (name) => (await kubeRequest(target, { method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(name)}` })).status === 404),
    );
    pending = pending.filter((_, i) => !gone[i]);
    if (pending.length > 0) await sleep(500);
  }
}

const isCrd = (item: ObjectItem): boolean =>
  item.document.kind === 'CustomResourceDefinition' && item.document.apiVersion.startsWith('apiextensions.k8s.io/');

function namespacesNeeded(items: readonly ObjectItem[]): string[] {
  const names = new Set<string>();
  for (const item of items) names.add(item.document.namespace ?? item.defaultNamespace);
  return [...names];
}

/**
 * Server-side dry-run of every object with strict field validation. Before that,
 * what the objects depend on is made real in the (throwaway) cluster: the
 * namespaces they live in and the CRDs the content defines (waited for until served).
 */
export async function checkInCluster(items: readonly ObjectItem[], options: ClusterOptions): Promise<{ verdicts: Verdict[]; against: string }> {
  const { target } = options;
  const judgement = options.requireThrowaway ? judgeLearningCluster(target.context, target.server) : { learning: true as const };
  if (!judgement.learning) {
    throw new RunError(
      `${judgement.reason} 검증기는 네임스페이스와 CRD를 실제로 만들기 때문에 ` +
        '학습용(일회용) 클러스터(kind-*, minikube, k3d-*, docker-desktop, rancher-desktop, orbstack, k8s-course-local, 로컬 주소)에서만 돌립니다. ' +
        '`--context`로 학습용 클러스터를 고르거나, 정말 이 클러스터에서 돌리려면 `--no-require-throwaway`를 붙이세요.',
    );
  }
  const version = await serverVersion(target);
  const verdicts = new Array<Verdict>(items.length);
  const pending: number[] = [];
  items.forEach((item, index) => {
    const early = precheck(item);
    if (early) verdicts[index] = early;
    else pending.push(index);
  });

  // CRDs the content defines are applied for real, so their custom resources can be dry-run.
  const crdIndexes = pending.filter((i) => isCrd(items[i]!) && !items[i]!.expectInvalid);
  if (crdIndexes.length > 0) {
    const applied = await applyObjects(
      target,
      crdIndexes.map((i) => items[i]!.document.object),
      { fieldManager: VALIDATE_FIELD_MANAGER, force: true, timeoutMs: options.timeoutMs },
    );
    const established: string[] = [];
    applied.forEach((result, k) => {
      const index = crdIndexes[k]!;
      const verdict = verdictOf(items[index]!, result);
      if (verdict.outcome !== 'accepted') verdicts[index] = verdict;
      else established.push(items[index]!.document.name ?? '');
    });
    const late = await waitForCrdsEstablished(target, established, CRD_WAIT_MS);
    for (const index of crdIndexes) {
      const item = items[index]!;
      if (late.includes(item.document.name ?? '')) {
        verdicts[index] = {
          item,
          outcome: 'error',
          problems: [{ message: `CRD ${item.document.name}가 ${CRD_WAIT_MS / 1000}초 안에 Established 상태가 되지 않았습니다. \`kubectl describe crd ${item.document.name}\`로 조건을 확인하세요.` }],
          text: '',
          warnings: [],
        };
      }
    }
    forgetDiscovery(target);
  }

  const toCheck = pending.filter((i) => verdicts[i] === undefined);
  const made = new Set<string>();
  const failedNamespaces = await prepareNamespaces(target, toCheck.map((i) => items[i]!), made, options.timeoutMs);
  const reasons = new Map<number, string | undefined>();
  const dryRun = (indexes: number[]) =>
    mapLimit(indexes, options.concurrency ?? 16, async (index) => {
      const item = items[index]!;
      const failure = item.document.namespace ? failedNamespaces.get(item.document.namespace) : undefined;
      if (failure) {
        verdicts[index] = { item, outcome: 'rejected', problems: [{ field: 'metadata.namespace', message: explain(failure) }], text: failure, warnings: [] };
        return;
      }
      const [result] = await applyObjects(target, [item.document.object], {
        dryRun: true,
        fieldManager: VALIDATE_FIELD_MANAGER,
        force: true,
        defaultNamespace: item.defaultNamespace,
        timeoutMs: options.timeoutMs,
        concurrency: 1,
      });
      reasons.set(index, result!.reason);
      verdicts[index] = verdictOf(item, result!);
    });
  await dryRun(toCheck);
  // The cluster may be shared with a notebook run that is deleting a lab namespace right now.
  for (let round = 0; round < 2; round++) {
    // Terminating: wait until it is gone; not found: it went away after we made sure of it. Either way, make it again.
    const again = toCheck.filter((i) => reasons.get(i) === 'NamespaceTerminating' || reasons.get(i) === 'NamespaceNotFound');
    if (again.length === 0) break;
    const namespaces = [...new Set(again.map((i) => items[i]!.document.namespace ?? items[i]!.defaultNamespace))];
    await waitForNamespacesGone(target, namespaces, NAMESPACE_GONE_MS);
    await prepareNamespaces(target, again.map((i) => items[i]!), made, options.timeoutMs);
    await dryRun(again);
  }
  if (!options.keepNamespaces && made.size > 0) {
    // Only what this run made: a notebook run sharing the cluster may own the others.
    await deleteObjects(target, [...made].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), {
      timeoutMs: options.timeoutMs,
    });
  }
  return { verdicts, against: `${target.context} (${target.server}, ${version})` };
}

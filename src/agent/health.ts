import { judgeLearningCluster } from '../kube/context';
import { loadTarget } from '../kube/target';
import type { KubeTarget } from '../kube/types';
import type { HealthInfo } from './protocol';

export interface ClusterView {
  context: string | null;
  namespace: string | null;
  server: string | null;
  allowed: boolean;
  reason?: string;
}

/** A view for the page, and the very kubeconfig object it was judged on (never sent anywhere). */
export interface JudgedCluster {
  view: ClusterView;
  /** Present only when `view.allowed`: the target a run must use, and nothing else. */
  target?: KubeTarget;
}

const NO_CLUSTER_HINT =
  '클러스터가 없습니다. 과정용 kind 클러스터를 만들거나(`kind create cluster --config scripts/cluster/kind-config.yaml`), ' +
  'Docker 없이 `npm run cluster:up`으로 이 프로젝트의 로컬 컨트롤 플레인을 띄우세요. 로컬 컨트롤 플레인의 노드는 시뮬레이션(kwok)이라 ' +
  '실제 컨테이너가 돌지 않으므로 logs, exec, port-forward, Service 통신은 되지 않습니다.';

/**
 * Loads the kubeconfig once and judges that object: a learning cluster by context name and
 * server address, or the context the reader named with --context. The agent calls this for
 * every run (the guard) and hands the returned target to the run, so the judgement and the
 * run cannot disagree about which cluster is meant.
 */
export function judgeCluster(acknowledgedContext: string | undefined, load: () => KubeTarget = loadTarget): JudgedCluster {
  let target: KubeTarget;
  try {
    target = load();
  } catch (error) {
    return { view: { context: null, namespace: null, server: null, allowed: false, reason: `${(error as Error).message} ${NO_CLUSTER_HINT}` } };
  }
  const judgement = judgeLearningCluster(target.context, target.server);
  const acknowledged = acknowledgedContext === target.context;
  const allowed = judgement.learning || acknowledged;
  const view: ClusterView = {
    context: target.context,
    namespace: target.namespace,
    server: target.server,
    allowed,
    reason:
      judgement.learning || acknowledged
        ? undefined
        : `현재 컨텍스트 "${target.context}"는 학습용 클러스터로 볼 수 없어 실행하지 않습니다: ${judgement.reason} ` +
          `정말 이 클러스터에서 실습하려면 에이전트를 \`npm run agent -- --context ${target.context}\`로 다시 시작하세요.`,
  };
  return allowed ? { view, target } : { view };
}

/** What the page shows: the same judgement, without the kubeconfig. */
export function viewCluster(acknowledgedContext: string | undefined): ClusterView {
  return judgeCluster(acknowledgedContext).view;
}

export function healthInfo(version: string, view: ClusterView, cells: number, allowEdited: boolean): HealthInfo {
  return { version, ...view, cells, allowEdited };
}

export type GuardAnswer = { allowed: true; target: KubeTarget } | { allowed: false; reason: string };

/** The per-run guard of the agent server: a fresh judgement each call, the judged target with it. */
export function runGuard(acknowledgedContext: string | undefined, load?: () => KubeTarget): GuardAnswer {
  const judged = judgeCluster(acknowledgedContext, load);
  return judged.target ? { allowed: true, target: judged.target } : { allowed: false, reason: judged.view.reason ?? '이 클러스터에서는 실행하지 않습니다.' };
}

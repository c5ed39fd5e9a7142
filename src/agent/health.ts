import { isLearningContext } from '../kube/context';
import { loadTarget } from '../kube/target';
import type { HealthInfo } from './protocol';

export interface ClusterView {
  context: string | null;
  namespace: string | null;
  server: string | null;
  allowed: boolean;
  reason?: string;
}

const NO_CLUSTER_HINT =
  '클러스터가 없습니다. 과정용 kind 클러스터를 만들거나(`kind create cluster --config scripts/cluster/kind-config.yaml`), ' +
  'Docker 없이 `npm run cluster:up`으로 이 프로젝트의 로컬 컨트롤 플레인을 띄우세요. 로컬 컨트롤 플레인의 노드는 시뮬레이션(kwok)이라 ' +
  '실제 컨테이너가 돌지 않으므로 logs, exec, port-forward, Service 통신은 되지 않습니다.';

/**
 * Which cluster the agent would act on, and whether it may. Re-read on every call:
 * the reader may switch contexts while the agent runs, and the page must show the
 * context a run will really use.
 */
export function viewCluster(acknowledgedContext: string | undefined): ClusterView {
  let target;
  try {
    target = loadTarget();
  } catch (error) {
    return { context: null, namespace: null, server: null, allowed: false, reason: `${(error as Error).message} ${NO_CLUSTER_HINT}` };
  }
  const learning = isLearningContext(target.context);
  const acknowledged = acknowledgedContext === target.context;
  const allowed = learning || acknowledged;
  return {
    context: target.context,
    namespace: target.namespace,
    server: target.server,
    allowed,
    reason: allowed
      ? undefined
      : `현재 컨텍스트 "${target.context}"는 학습용 클러스터(kind-*, minikube, k3d-*, docker-desktop …)가 아니라서 실행하지 않습니다. ` +
        `정말 이 클러스터에서 실습하려면 에이전트를 \`npm run agent -- --context ${target.context}\`로 다시 시작하세요.`,
  };
}

export function healthInfo(version: string, view: ClusterView, cells: number, allowEdited: boolean): HealthInfo {
  return { version, ...view, cells, allowEdited };
}

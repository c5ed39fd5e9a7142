/**
 * `needs=WHAT`: what a cell requires of the cluster or the machine, and the decision "can it run here".
 * Pure: the parser, the notebook runner, the agent and the page all use this one vocabulary and decision.
 * What the current cluster offers (`Capabilities`) is found by src/kube/capabilities.ts.
 */

/** Needs about the cluster's nodes and the machine. */
/**
 * `kind-node`: a node shell into the cluster's nodes (`docker exec NODE ...`, crictl, systemctl kubelet) and
 * a kubeadm control plane of static pods (kind, or scripts/cluster's `--control-plane static-pods`).
 * `kind-cluster`: kind itself (`kind create cluster`, `docker pause` of a node container, cloud-provider-kind).
 * `registry-images`: the cell's pods run images that are not in the course's local image set (Elasticsearch,
 * RabbitMQ, ...) or Secrets an operator installed from the internet makes, so they only get Ready where
 * images can be pulled (internet) or where nothing is pulled at all (simulated kwok nodes, whose pods are
 * Ready without running). The one place this is decided is `hasNeed`.
 */
export const BASE_NEEDS = ['containers', 'internet', 'kind-node', 'kind-cluster', 'registry-images'] as const;
/**
 * Add-ons a cell expects to be running in the cluster (`needs=addon:NAME`). Detected from API discovery,
 * so a lab that installs one first (Helm, a manifest) makes the later cells runnable.
 */
export const ADDONS = ['metrics-server', 'prometheus', 'prometheus-adapter', 'keda', 'vpa', 'istio'] as const;

export type BaseNeed = (typeof BASE_NEEDS)[number];
export type Addon = (typeof ADDONS)[number];
export type Need = BaseNeed | `addon:${Addon}`;

/** Every need in the closed vocabulary, in the order summaries list them. */
export const ALL_NEEDS: readonly Need[] = [...BASE_NEEDS, ...ADDONS.map((a) => `addon:${a}` as const)];

/** Korean name of each need, for summaries and the page. */
export const NEED_KO: Record<Need, string> = {
  containers: '실제 컨테이너',
  internet: '인터넷',
  'kind-node': '노드 셸과 스태틱 파드 컨트롤 플레인(kind 노드)',
  'kind-cluster': 'kind 클러스터(kind CLI와 Docker)',
  'registry-images': '레지스트리에서 받는 이미지',
  'addon:metrics-server': 'metrics-server(메트릭 API)',
  'addon:prometheus': 'Prometheus(Operator와 실행 중인 Prometheus)',
  'addon:prometheus-adapter': 'Prometheus Adapter(커스텀 메트릭 API)',
  'addon:keda': 'KEDA',
  'addon:vpa': 'VPA(Vertical Pod Autoscaler)',
  'addon:istio': 'Istio(istiod)',
};

const isNeed = (word: string): word is Need => (ALL_NEEDS as readonly string[]).includes(word);

export const NEEDS_HINT = `쓸 수 있는 것: ${ALL_NEEDS.join(', ')}`;

/** `needs=containers,internet` -> the needs, or the Korean errors of unknown or repeated words. */
export function parseNeeds(value: string): { needs: Need[]; errors: string[] } {
  const needs: Need[] = [];
  const errors: string[] = [];
  const words = value.split(',').map((w) => w.trim());
  if (words.every((w) => w === '')) return { needs, errors: [`needs=에 필요한 것을 적으세요 (예: needs=containers). ${NEEDS_HINT}`] };
  for (const word of words) {
    if (word === '') {
      errors.push(`needs=${value}에 빈 항목이 있습니다. 쉼표로 나눈 항목 사이에 빈칸을 두지 마세요 (예: needs=containers,internet).`);
    } else if (!isNeed(word)) {
      const addon = word.startsWith('addon:') ? ` 애드온은 ${ADDONS.map((a) => `addon:${a}`).join(', ')}만 압니다.` : '';
      errors.push(`needs=의 "${word}"는 알 수 없는 요구 사항입니다.${addon} ${NEEDS_HINT}`);
    } else if (needs.includes(word)) {
      errors.push(`needs=에 "${word}"가 두 번 쓰였습니다. 하나만 남기세요.`);
    } else {
      needs.push(word);
    }
  }
  return { needs, errors };
}

/** What the nodes of the cluster are. */
export type NodeKind = 'simulated' | 'real' | 'mixed' | 'none' | 'unknown';

/** What the current cluster and machine offer. Built by src/kube/capabilities.ts (or declared with a flag). */
export interface Capabilities {
  /** simulated: kwok nodes only (the project's local control plane); real: kubelets that run containers. */
  nodes: NodeKind;
  /** Real kubelets run the cell's containers (logs, exec, port-forward, probes, Service traffic). */
  containers: boolean;
  /** May reach hosts on the internet (Helm repositories, GitHub, image registries); configured, never probed. */
  internet: boolean;
  /**
   * Nodes a `docker exec NODE` shell reaches (kind's node containers, or the node shell of the project's
   * static-pod cluster) and a control plane of static pods with mirror pods in kube-system.
   */
  kindNode: boolean;
  /** kind itself: a kind-* context whose node containers Docker runs (kind create cluster, docker pause). */
  kindCluster: boolean;
  addons: Record<Addon, boolean>;
  /** Kubernetes context the capabilities were found for. */
  context?: string;
  /** How they were found ("detected", or the flag that declared them), for the summary. */
  source?: string;
}

export const NO_ADDONS: Record<Addon, boolean> = Object.fromEntries(ADDONS.map((a) => [a, false])) as Record<Addon, boolean>;

/** Everything available (a full kind cluster with internet and every add-on). */
export const ALL_CAPABILITIES: Capabilities = {
  nodes: 'real',
  containers: true,
  internet: true,
  kindNode: true,
  kindCluster: true,
  addons: Object.fromEntries(ADDONS.map((a) => [a, true])) as Record<Addon, boolean>,
};

export function hasNeed(caps: Capabilities, need: Need): boolean {
  if (need === 'containers') return caps.containers;
  if (need === 'internet') return caps.internet;
  if (need === 'kind-node') return caps.kindNode;
  if (need === 'kind-cluster') return caps.kindCluster;
  if (need === 'registry-images') return caps.internet || !caps.containers;
  return caps.addons[need.slice('addon:'.length) as Addon] ?? false;
}

const NODES_KO: Record<NodeKind, string> = {
  simulated: '지금 클러스터는 시뮬레이션 노드(kwok)라서 컨테이너가 실제로 돌지 않습니다',
  mixed: '지금 클러스터의 일부 노드가 시뮬레이션 노드(kwok)입니다',
  none: '지금 클러스터에는 노드가 없습니다',
  unknown: '지금 클러스터의 노드를 확인하지 못했습니다',
  real: '지금 클러스터의 노드가 컨테이너를 실행하지 못합니다',
};

/** The Korean sentence for one unmet need: what the cell needs, and what the current cluster is instead. */
export function needMessage(need: Need, caps: Capabilities): string {
  if (need === 'containers') return `이 셀은 실제 컨테이너가 필요합니다: ${NODES_KO[caps.nodes]}. kind 클러스터나 실제 노드 모드(cluster.sh up --nodes real)에서 실행하세요.`;
  if (need === 'internet') {
    return '이 셀은 인터넷이 필요합니다(Helm 저장소, GitHub, 이미지 레지스트리): 지금은 인터넷을 쓰지 않도록 설정되어 있습니다(K8S_COURSE_INTERNET=0 또는 --no-internet).';
  }
  if (need === 'kind-node') {
    return `이 셀은 노드 셸(docker exec 노드)과 스태틱 파드 컨트롤 플레인이 필요합니다: 지금 클러스터${caps.context ? `("${caps.context}" 컨텍스트)` : ''}에서는 docker exec로 노드에 들어갈 수 없거나 kube-system에 컨트롤 플레인 미러 파드가 없습니다. kind 클러스터나 cluster.sh up --nodes real --control-plane static-pods 에서 실행하세요.`;
  }
  if (need === 'registry-images') {
    return '이 셀의 파드는 과정의 로컬 이미지 세트에 없는 이미지(또는 인터넷에서 설치한 오퍼레이터가 만드는 Secret)가 있어야 준비됩니다: 지금 클러스터는 실제 노드이고 인터넷을 쓰지 않도록 설정되어 있습니다. 인터넷이 되는 kind 클러스터에서 실행하세요.';
  }
  if (need === 'kind-cluster') {
    return `이 셀은 kind 자체가 필요합니다(kind create cluster, 노드 컨테이너의 docker pause): 지금 클러스터${caps.context ? `("${caps.context}" 컨텍스트)` : ''}는 Docker로 돌아가는 kind 클러스터가 아닙니다. Docker와 kind가 있는 컴퓨터에서 실행하세요.`;
  }
  return `이 셀은 ${NEED_KO[need]}가 클러스터에 있어야 합니다: 지금 클러스터에서 찾지 못했습니다. 실습의 설치 단계를 먼저 하세요.`;
}

export interface UnmetNeed {
  need: Need;
  message: string;
}

/** The needs the cluster lacks, each with its Korean reason; empty when the cell can run. */
export function unmetNeeds(needs: readonly Need[] | undefined, caps: Capabilities): UnmetNeed[] {
  return (needs ?? []).filter((need) => !hasNeed(caps, need)).map((need) => ({ need, message: needMessage(need, caps) }));
}

/** One line for the page or a skip report: the unmet needs' messages, and the author's reason if any. */
export function skipMessage(unmet: readonly UnmetNeed[], reason?: string): string {
  const text = unmet.map((u) => u.message).join(' ');
  return reason ? `${text} (${reason})` : text;
}

/** Needs that are add-ons: worth looking again for after earlier cells ran (they may have installed it). */
export const isAddonNeed = (need: Need): boolean => need.startsWith('addon:');

/**
 * `--capabilities containers,internet,addon:metrics-server` (or `none`, `all`): capabilities declared
 * instead of detected. Nodes are "real" when containers are declared, else "simulated".
 */
export function declaredCapabilities(value: string): { capabilities?: Capabilities; errors: string[] } {
  const trimmed = value.trim();
  if (trimmed === 'all') return { capabilities: { ...ALL_CAPABILITIES, source: '--capabilities all' }, errors: [] };
  if (trimmed === 'none' || trimmed === '') {
    return { capabilities: { nodes: 'simulated', containers: false, internet: false, kindNode: false, kindCluster: false, addons: { ...NO_ADDONS }, source: '--capabilities none' }, errors: [] };
  }
  const { needs, errors } = parseNeeds(trimmed);
  if (errors.length) return { errors: errors.map((e) => e.replace(/needs=/g, '--capabilities ')) };
  const addons = { ...NO_ADDONS };
  for (const need of needs) if (isAddonNeed(need)) addons[need.slice('addon:'.length) as Addon] = true;
  const containers = needs.includes('containers') || needs.includes('kind-node') || needs.includes('kind-cluster');
  return {
    capabilities: {
      nodes: containers ? 'real' : 'simulated',
      containers,
      // pulling registry images is what internet gives real nodes
      internet: needs.includes('internet') || (containers && needs.includes('registry-images')),
      // a kind cluster has a node shell and static pods too
      kindNode: needs.includes('kind-node') || needs.includes('kind-cluster'),
      kindCluster: needs.includes('kind-cluster'),
      addons,
      source: `--capabilities ${trimmed}`,
    },
    errors: [],
  };
}

/** The capabilities as one short Korean line ("실제 노드, 인터넷 없음, 애드온: metrics-server"). */
export function capabilitiesLine(caps: Capabilities): string {
  const nodes = { simulated: '시뮬레이션 노드(kwok)', real: '실제 노드', mixed: '실제·시뮬레이션 노드 섞임', none: '노드 없음', unknown: '노드 확인 못 함' }[caps.nodes];
  const addons = ADDONS.filter((a) => caps.addons[a]);
  return [
    nodes,
    caps.containers ? '컨테이너 실행' : '컨테이너 없음',
    caps.internet ? '인터넷 사용' : '인터넷 없음',
    caps.kindNode ? '노드 셸과 스태틱 파드 있음' : '노드 셸 없음',
    caps.kindCluster ? 'kind 클러스터' : 'kind 아님',
    `애드온: ${addons.length ? addons.join(', ') : '없음'}`,
  ].join(', ');
}

/**
 * The `needs="containers,addon:keda"` attribute the remark plugin writes on a cell, back to needs. The
 * build already refused unknown words (parseNeeds), so anything else here is dropped, never guessed at.
 */
export function needsFromAttribute(value: string | undefined): Need[] {
  return value ? parseNeeds(value).needs : [];
}

/** What the page says about a cell before any run, or undefined when it can run (or nobody knows yet). */
export interface CellNeedsNote {
  unmet: UnmetNeed[];
  /** The unmet needs' messages and the author's reason: the same words the notebook runner skips with. */
  message: string;
  /** Run-all's short word for the cell ("건너뜀: 실제 컨테이너 필요"). */
  skipped: string;
  /** What is missing, in short ("실제 컨테이너, 인터넷"). */
  missing: string;
}

const missingOf = (unmet: readonly UnmetNeed[]): string => unmet.map((u) => NEED_KO[u.need]).join(', ');

/** "건너뜀: 실제 컨테이너, 인터넷 필요". */
export function skippedLabel(unmet: readonly UnmetNeed[]): string {
  return `건너뜀: ${missingOf(unmet)} 필요`;
}

/**
 * The page's decision for one cell: unknown capabilities (no agent, no cluster, not looked yet) say
 * nothing, a cell without needs or with all of them met says nothing, else the note.
 */
export function cellNeedsNote(needs: readonly Need[], caps: Capabilities | undefined, reason?: string): CellNeedsNote | undefined {
  if (!caps || needs.length === 0) return undefined;
  const unmet = unmetNeeds(needs, caps);
  if (unmet.length === 0) return undefined;
  // The author's reason reads as its own sentence after the needs' messages (the runner's log puts it in parentheses).
  const because = reason ? ` ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` : '';
  return { unmet, message: `${unmet.map((u) => u.message).join(' ')}${because}`, skipped: skippedLabel(unmet), missing: missingOf(unmet) };
}

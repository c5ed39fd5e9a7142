/**
 * Contexts the course may change freely. The agent and the validator refuse others
 * unless told otherwise, so a reader's production cluster is never touched by a lab.
 */
import { isIP } from 'node:net';

const EXACT = new Set(['minikube', 'docker-desktop', 'rancher-desktop', 'orbstack', 'k8s-course-local']);
const PREFIXES = ['kind-', 'k3d-'];

export function isLearningContext(context: string): boolean {
  return EXACT.has(context) || PREFIXES.some((prefix) => context.startsWith(prefix) && context.length > prefix.length);
}

/** Which tool's naming the context follows; decides which server addresses are plausible for it. */
function familyOf(context: string): keyof typeof ADDRESSES | undefined {
  if (context.startsWith('kind-')) return 'kind';
  if (context.startsWith('k3d-')) return 'k3d';
  return EXACT.has(context) ? (context as keyof typeof ADDRESSES) : undefined;
}

/** IPv4 a.b.c.d as a number, for range checks. */
function ipv4(address: string): number | undefined {
  if (isIP(address) !== 4) return undefined;
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const inRange = (address: string, base: string, bits: number): boolean => {
  const a = ipv4(address);
  const b = ipv4(base)!;
  if (a === undefined) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
};

const LOOPBACK = (host: string): boolean => host === 'localhost' || host === '::1' || inRange(host, '127.0.0.0', 8);
/** Docker's bridge networks (kind and k3d containers seen from another container or a Linux host). */
const DOCKER_NETWORK = (host: string): boolean => inRange(host, '172.16.0.0', 12);
/** minikube's VM and container drivers (docker 192.168.49.x, kvm2 .39.x, virtualbox .59.x/.99.x, hyperkit/qemu .64.x/.105.x). */
const MINIKUBE_NETWORK = (host: string): boolean =>
  ['192.168.39.0', '192.168.49.0', '192.168.58.0', '192.168.59.0', '192.168.64.0', '192.168.99.0', '192.168.105.0'].some((base) => inRange(host, base, 24));

/** Server hosts each tool writes into its kubeconfig; a learning name with any other address is not trusted. */
const ADDRESSES = {
  kind: (host: string) => LOOPBACK(host) || DOCKER_NETWORK(host),
  k3d: (host: string) => LOOPBACK(host) || DOCKER_NETWORK(host) || host === '0.0.0.0' || host === 'host.docker.internal',
  minikube: (host: string) => LOOPBACK(host) || MINIKUBE_NETWORK(host) || DOCKER_NETWORK(host),
  'docker-desktop': (host: string) => LOOPBACK(host) || host === 'kubernetes.docker.internal',
  'rancher-desktop': (host: string) => LOOPBACK(host),
  orbstack: (host: string) => LOOPBACK(host) || host === 'k8s.orb.local',
  // Real-node mode of scripts/cluster serves the API on the host side of its nodes' network, 10.250.N.1.
  'k8s-course-local': (host: string) => LOOPBACK(host) || inRange(host, '10.250.0.0', 16),
} satisfies Record<string, (host: string) => boolean>;

export type LearningJudgement = { learning: true } | { learning: false; reason: string };

/**
 * A learning cluster by name AND by address: `kind-prod` pointing at `https://10.0.0.5:6443`
 * is somebody's real cluster renamed, so the name alone proves nothing. The reason is Korean
 * and says which of the two did not fit.
 */
export function judgeLearningCluster(context: string, server: string): LearningJudgement {
  const family = familyOf(context);
  if (!family) {
    return {
      learning: false,
      reason: `컨텍스트 이름 "${context}"가 학습용 클러스터의 이름(kind-*, k3d-*, minikube, docker-desktop, rancher-desktop, orbstack, k8s-course-local)이 아닙니다.`,
    };
  }
  let host: string;
  try {
    host = new URL(server).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return { learning: false, reason: `컨텍스트 "${context}"의 API 서버 주소 "${server}"를 URL로 읽을 수 없습니다.` };
  }
  if (!ADDRESSES[family](host)) {
    return {
      learning: false,
      reason:
        `컨텍스트 이름 "${context}"는 학습용처럼 보이지만 API 서버 주소 ${server}가 이 도구(${family})의 로컬 주소(127.0.0.1, localhost` +
        `${family === 'kind' || family === 'k3d' ? ', 도커 네트워크 172.16.0.0/12' : ''}${family === 'minikube' ? ', minikube VM 대역 192.168.49.x 등' : ''}` +
        `${family === 'docker-desktop' ? ', kubernetes.docker.internal' : ''})가 아닙니다. 이름만 바꾼 실제 클러스터일 수 있습니다.`,
    };
  }
  return { learning: true };
}

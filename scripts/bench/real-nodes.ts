/**
 * Real-node mode of scripts/cluster (`cluster.sh up --nodes real`): how long `up` takes and how much
 * memory the four nodes use, against the bars. Prints numbers; not a test.
 *
 *   npx tsx scripts/bench/real-nodes.ts           warm up (binaries and images cached), memory
 *   npx tsx scripts/bench/real-nodes.ts --cold    first moves the node binaries and images caches aside
 *                                                 (Go's own build cache stays: "cold after the control plane build")
 *
 * Uses its own run dir and ports, and stops its cluster at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'cluster', 'cluster.sh');
const CACHE = process.env.K8S_COURSE_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'k8s-course', 'cluster');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  KUBECONFIG: '',
  K8S_COURSE_RUN_DIR: path.join(CACHE, 'run-bench-real'),
  K8S_COURSE_CRDS: '0',
  K8S_COURSE_ETCD_PORT: '33790',
  K8S_COURSE_ETCD_PEER_PORT: '33800',
  K8S_COURSE_APISERVER_PORT: '36443',
  K8S_COURSE_KCM_PORT: '30257',
  K8S_COURSE_SCHEDULER_PORT: '30259',
  K8S_COURSE_KWOK_PORT: '30250',
  K8S_COURSE_UP_TIMEOUT: '300',
};
const cluster = (...args: string[]) => spawnSync('bash', [SCRIPT, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 1_800_000 });
const out = (line = '') => console.log(line);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export function benchRealNodes(options: { cold: boolean }): void {
  const blocker = cluster('real-nodes-blocker').stdout.trim();
  if (blocker) {
    out(`  실제 노드 모드를 잴 수 없습니다: ${blocker}`);
    return;
  }
  cluster('down');
  let aside: string | undefined;
  if (options.cold) {
    aside = mkdtempSync(path.join(CACHE, '.bench-aside-'));
    for (const dir of ['nodes', 'images']) if (existsSync(path.join(CACHE, dir))) renameSync(path.join(CACHE, dir), path.join(aside, dir));
  }
  try {
    const t0 = Date.now();
    const up = cluster('up', '--nodes', 'real');
    const seconds = (Date.now() - t0) / 1000;
    if (up.status !== 0) {
      out(`  up --nodes real failed (${up.status}):\n${up.stderr.slice(-2000)}`);
      return;
    }
    const bar = options.cold ? 600 : 60;
    out(`  ${options.cold ? 'cold' : 'warm'} up --nodes real (4 nodes Ready, CoreDNS ready, CRD catalog off): ${seconds.toFixed(1)} s (goal < ${bar} s) ${verdict(seconds < bar)}`);
    spawnSync('sleep', ['20']); // let metrics-server and the CoreDNS replicas settle before weighing
    const memory = cluster('node-memory').stdout.trim().split('\n');
    const total = Number(memory.find((l) => l.startsWith('total '))?.split(' ')[1] ?? NaN);
    out(`  memory of the 4 real nodes (RSS: ${memory.filter((l) => !l.startsWith('total ')).join(', ')} MiB): ${total} MiB (goal < 2560 MiB) ${verdict(total < 2560)}`);
  } finally {
    cluster('down');
    if (aside) rmSync(aside, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cold: { type: 'boolean', default: false } } });
  out('== real-node mode (scripts/cluster/cluster.sh up --nodes real)');
  benchRealNodes({ cold: values.cold ?? false });
}

/**
 * Vitest global setup for integration tests that need a Kubernetes API server.
 *
 * - KUBECONFIG already set (kind on a laptop, the GitHub Actions workflow): that cluster is used as is.
 * - Otherwise the local control plane from scripts/cluster/cluster.sh is used: a healthy running one is
 *   reused (and left running), else `cluster.sh up` starts one (building the binaries into the user
 *   cache the first time) and the teardown stops it again. K8S_COURSE_KEEP_CLUSTER=1 keeps it running
 *   for faster repeated runs.
 *
 * The kubeconfig path is put in process.env.KUBECONFIG (inherited by the test workers and by every
 * kubectl they run) and provided as `inject('kubeconfig')`.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clusterScript = resolve(repoRoot, 'scripts', 'cluster', 'cluster.sh');

interface RunResult {
  code: number;
  stdout: string;
}

/** Runs cluster.sh; its progress (stderr) goes straight to ours, stdout is captured. */
function runCluster(args: string[], showProgress: boolean): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [clusterScript, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', showProgress ? 'inherit' : 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout }));
  });
}

function kubeconfigFrom(stdout: string): string | undefined {
  const match = /^export KUBECONFIG=(.+)$/m.exec(stdout);
  return match?.[1]?.trim();
}

export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  const given = process.env.KUBECONFIG;
  if (given) {
    console.log(`[cluster] using the cluster of KUBECONFIG=${given}`);
    project?.provide('kubeconfig', given);
    return async () => {};
  }

  let startedHere = false;
  let kubeconfig = kubeconfigFrom((await runCluster(['env'], false)).stdout);
  if (kubeconfig) {
    console.log('[cluster] reusing the running local cluster');
  } else {
    const up = await runCluster(['up'], true);
    kubeconfig = kubeconfigFrom(up.stdout);
    if (up.code !== 0 || !kubeconfig) {
      throw new Error(
        `scripts/cluster/cluster.sh up failed (exit ${up.code}); see its output above. ` +
          'Or point KUBECONFIG at a cluster (e.g. kind) to use that one instead.',
      );
    }
    startedHere = true;
  }

  process.env.KUBECONFIG = kubeconfig;
  project?.provide('kubeconfig', kubeconfig);

  return async () => {
    if (!startedHere || process.env.K8S_COURSE_KEEP_CLUSTER === '1') return;
    const down = await runCluster(['down'], true);
    if (down.code !== 0) console.warn(`[cluster] cluster.sh down exited ${down.code}`);
  };
}

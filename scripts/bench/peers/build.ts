/**
 * The peer validators (kubeconform, kubectl-validate), built from the Go module proxy at the
 * versions pinned by ./kubeconform/go.mod and ./kubectl-validate/go.mod, into the user cache
 * like the control plane: ~/.cache/k8s-course/peers/<key>, the key covering the pinned module
 * graphs, the Go version and the build recipe. Only the recipe lives in the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const HERE = import.meta.dirname;
/** Bump when the build flags below change. */
const RECIPE = 'peers-1 trimpath s-w';

export interface Peer {
  name: 'kubeconform' | 'kubectl-validate';
  /** Go module directory (in the repo) and package to build. */
  moduleDir: string;
  pkg: string;
  module: string;
}

export const PEERS: Peer[] = [
  { name: 'kubeconform', moduleDir: 'kubeconform', pkg: 'github.com/yannh/kubeconform/cmd/kubeconform', module: 'github.com/yannh/kubeconform' },
  { name: 'kubectl-validate', moduleDir: 'kubectl-validate', pkg: 'sigs.k8s.io/kubectl-validate', module: 'sigs.k8s.io/kubectl-validate' },
];

export interface PeerBinaries {
  dir: string;
  kubeconform: string;
  'kubectl-validate': string;
  /** `kubeconform v0.8.0`, ... and the Go version. */
  versions: string;
  builtNow: boolean;
}

function goEnv(): string {
  return execFileSync('go', ['env', 'GOVERSION', 'GOOS', 'GOARCH'], { encoding: 'utf8' });
}

function cacheRoot(): string {
  const base = process.env.K8S_COURSE_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'k8s-course');
  return path.join(base, 'peers');
}

function key(): string {
  const hash = createHash('sha256').update(RECIPE).update(goEnv());
  for (const peer of PEERS) {
    for (const file of ['go.mod', 'go.sum']) hash.update(readFileSync(path.join(HERE, peer.moduleDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function moduleVersion(peer: Peer): string {
  return execFileSync('go', ['list', '-m', '-f', '{{.Version}}', peer.module], { cwd: path.join(HERE, peer.moduleDir), encoding: 'utf8' }).trim();
}

/** Builds what is missing (a cold build takes about 3 minutes on 2 cores, mostly kubectl-validate). */
export function ensurePeers(log: (line: string) => void): PeerBinaries {
  const root = cacheRoot();
  const dir = path.join(root, key());
  let builtNow = false;
  if (!existsSync(path.join(dir, 'VERSIONS'))) {
    mkdirSync(root, { recursive: true });
    const tmp = mkdtempSync(path.join(root, '.build-'));
    const versions: string[] = [];
    try {
      for (const peer of PEERS) {
        const version = moduleVersion(peer);
        log(`go build ${peer.pkg}@${version} (처음 한 번; ${dir})`);
        const started = performance.now();
        const build = spawnSync('nice', ['-n', '10', 'go', 'build', '-trimpath', '-ldflags', '-s -w', '-o', path.join(tmp, peer.name), peer.pkg], {
          cwd: path.join(HERE, peer.moduleDir),
          env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=readonly`.trim() },
          encoding: 'utf8',
        });
        if (build.status !== 0) throw new Error(`${peer.name} 빌드 실패 (scripts/bench/peers/${peer.moduleDir}):\n${build.stderr}`);
        log(`  ${((performance.now() - started) / 1000).toFixed(0)} s`);
        versions.push(`${peer.name} ${version}`);
      }
      versions.push(`go ${goEnv().split('\n')[0]}`, `built ${new Date().toISOString()}`);
      writeFileSync(path.join(tmp, 'VERSIONS'), `${versions.join('\n')}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
      builtNow = true;
    } catch (error) {
      rmSync(tmp, { recursive: true, force: true });
      throw error;
    }
  }
  const versions = readFileSync(path.join(dir, 'VERSIONS'), 'utf8').split('\n').filter((l) => l && !l.startsWith('built ')).join(', ');
  return { dir, kubeconform: path.join(dir, 'kubeconform'), 'kubectl-validate': path.join(dir, 'kubectl-validate'), versions, builtNow };
}

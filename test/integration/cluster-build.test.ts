import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const clusterScript = path.join(root, 'scripts', 'cluster', 'cluster.sh');

/** Removes a Go module cache, whose files Go writes read-only. */
function removeModuleCache(dir: string): void {
  spawnSync('chmod', ['-R', 'u+w', dir]);
  rmSync(dir, { recursive: true, force: true });
}

describe('the control plane build on a new machine', () => {
  it("writes kwok's stage files from an empty Go module cache", () => {
    const modcache = mkdtempSync(path.join(os.tmpdir(), 'empty-gomodcache-'));
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'kwok-stages-')), 'kwok-stages.yaml');
    try {
      const run = spawnSync('bash', [clusterScript, 'kwok-stages', out], {
        env: { ...process.env, GOMODCACHE: modcache, GOFLAGS: '-mod=readonly' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.stderr).not.toContain('No such file');
      expect(run.status).toBe(0);
      const stages = readFileSync(out, 'utf8');
      for (const stage of ['node-initialize', 'node-heartbeat-with-lease', 'pod-ready', 'pod-complete', 'pod-delete']) {
        expect(stages).toMatch(new RegExp(`name: ${stage}\\b`));
      }
    } finally {
      removeModuleCache(modcache);
    }
  });

  it('stops npm test with the reason when the control plane cannot start', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'no-go-home-'));
    // A PATH without Go: the build, and so `cluster.sh up`, must fail first.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'no-go-bin-'));
    for (const tool of ['bash', 'env', 'cat', 'date', 'dirname', 'grep', 'mkdir', 'flock', 'sha256sum', 'cut', 'printf', 'find', 'ss', 'sort', 'cksum']) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found) spawnSync('ln', ['-s', found, path.join(bin, tool)]);
    }
    chmodSync(bin, 0o755);
    const env: NodeJS.ProcessEnv = { PATH: bin, HOME: home, K8S_COURSE_CACHE_DIR: path.join(home, 'cache') };
    const run = spawnSync('bash', [path.join(root, 'scripts', 'test.sh')], { env, encoding: 'utf8', timeout: 60_000 });
    rmSync(home, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('go is not installed');
    expect(run.stderr).toContain('로컬 컨트롤 플레인을 시작하지 못했습니다');
    expect(run.stderr).not.toContain('unbound variable');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeShellBin, runDirCandidates, withNodeShell } from './node-shell';

const root = mkdtempSync(path.join(tmpdir(), 'node-shell-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runDir(name: string, server: string, shell: boolean): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  if (shell) writeFileSync(path.join(dir, 'bin', 'docker'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(
    path.join(dir, 'kubeconfig'),
    `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${server}"}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
users: [{name: u, user: {}}]
`,
  );
  return dir;
}

describe('node shell of the static-pod cluster', () => {
  const stat = runDir('static', 'https://10.250.47.11:25443', true);
  const proc = runDir('processes', 'https://10.250.9.1:26443', false);

  it('is found next to the KUBECONFIG of the same server only', () => {
    const env = { KUBECONFIG: path.join(stat, 'kubeconfig'), K8S_COURSE_CACHE_DIR: path.join(root, 'none') };
    expect(nodeShellBin('https://10.250.47.11:25443', env)).toBe(path.join(stat, 'bin'));
    expect(nodeShellBin('https://127.0.0.1:6443', env)).toBeUndefined();
  });

  it('is not offered for a run without a node shell (process-mode control plane)', () => {
    expect(nodeShellBin('https://10.250.9.1:26443', { KUBECONFIG: path.join(proc, 'kubeconfig'), K8S_COURSE_CACHE_DIR: path.join(root, 'none') })).toBeUndefined();
  });

  it('comes first on PATH for that target, and leaves other targets alone', () => {
    const env = { PATH: '/usr/bin', K8S_COURSE_RUN_DIR: stat, K8S_COURSE_CACHE_DIR: path.join(root, 'none') };
    expect(withNodeShell(env, { server: 'https://10.250.47.11:25443' }).PATH).toBe(`${path.join(stat, 'bin')}${path.delimiter}/usr/bin`);
    expect(withNodeShell(env, { server: 'https://kind:6443' })).toBe(env);
  });

  it('looks next to every KUBECONFIG file, in K8S_COURSE_RUN_DIR and in the default run dir', () => {
    expect(runDirCandidates({ KUBECONFIG: `/a/kubeconfig${path.delimiter}/b/config`, K8S_COURSE_RUN_DIR: '/r', K8S_COURSE_CACHE_DIR: '/c' })).toEqual(['/a', '/b', '/r', '/c/run']);
  });
});

/**
 * What `cluster.sh down` must leave of a real-node run dir: nothing. Checked through cluster.sh's own
 * `leftovers` and again without it (processes, mounts, namespaces, interfaces, cgroups), for every
 * test that starts real nodes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCommand } from './process';

/** `pid: command line` of every process whose command line contains text. */
export function processesNaming(text: string): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return cmd.includes(text) ? [`${p}: ${cmd}`] : [];
    } catch {
      return [];
    }
  });
}

/** Runs `cluster.sh down` for runDir and asserts that nothing of the run is left on the machine. */
export async function expectDownLeavesNothing(clusterScript: string, env: NodeJS.ProcessEnv, runDir: string): Promise<void> {
  const netNumber = readFileSync(join(runDir, 'net'), 'utf8').trim();
  const down = await runCommand('bash', [clusterScript, 'down'], env, '', 180_000);
  expect(down.code, down.stderr).toBe(0);
  const left = await runCommand('bash', [clusterScript, 'leftovers'], env);
  expect(left.stdout).toBe('');
  // the same, not through cluster.sh's own functions
  expect(processesNaming(`${runDir}/`)).toEqual([]);
  expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(`${runDir}/`);
  expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toMatch(new RegExp(`^k8sc${netNumber}-`, 'm'));
  expect(execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' })).not.toContain(`k8sc${netNumber}-h`);
  const cgroups = execFileSync('sh', ['-c', `ls -d /sys/fs/cgroup/*/k8s-course-${netNumber}-* 2>/dev/null || true`], { encoding: 'utf8' });
  expect(cgroups.trim()).toBe('');
}

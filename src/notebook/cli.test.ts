import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { main, type CliIo } from './cli';
import { parseCliArgs } from './cli-args';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string) => `test/fixtures/notebooks/${name}`;
let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'notebook-cli-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, FIXTURE_OUT: out, ...env },
    cwd: root,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Writes a one-context kubeconfig and points this process's KUBECONFIG at it (src/kube reads it from the process, like kubectl) for one test. */
function useKubeconfig(file: string, context: string, server: string): string {
  const kubeconfig = path.join(out, file);
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${context}`,
      `clusters: [{name: c, cluster: {server: "${server}"}}]`,
      'users: [{name: u, user: {token: t}}]',
      `contexts: [{name: ${context}, context: {cluster: c, user: u}}]`,
    ].join('\n'),
  );
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = kubeconfig;
  onTestFinished(() => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  });
  return kubeconfig;
}

describe('parseCliArgs', () => {
  it('reads options, and CI=true turns on CI mode', () => {
    expect(parseCliArgs(['--format', 'junit', '--output', 'r.xml', '--timeout', '90', 'notebooks/'], {})).toMatchObject({
      targets: ['notebooks/'],
      ci: false,
      format: 'junit',
      output: 'r.xml',
      timeoutSeconds: 90,
    });
    expect(parseCliArgs(['a.md'], { CI: 'true' })).toMatchObject({ ci: true });
    expect(parseCliArgs(['a.md'], { CI: 'false' })).toMatchObject({ ci: false });
    expect(parseCliArgs(['--ci', 'a.md'], {})).toMatchObject({ ci: true });
  });

  it('says what is wrong in Korean', () => {
    expect(parseCliArgs(['--format', 'xml', 'a.md'], {})).toEqual({ error: expect.stringContaining('human, json, junit') });
    expect(parseCliArgs(['--timeout', '0', 'a.md'], {})).toEqual({ error: expect.stringContaining('1에서 3600') });
    expect(parseCliArgs([], {})).toEqual({ error: expect.stringContaining('노트북 파일이나 폴더') });
    expect(parseCliArgs(['--nope', 'a.md'], {})).toEqual({ error: expect.stringContaining('옵션') });
  });
});

describe('npm run notebook', () => {
  it('exits 2 on a usage error or a path that does not exist', async () => {
    expect((await cli(['--format', 'xml', fixture('ordering.md')])).code).toBe(2);
    const missing = await cli(['no/such/notebook.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('파일이나 폴더가 없습니다');
  });

  it('--dry-list prints the plan without touching a cluster (no kubeconfig at all)', async () => {
    const result = await cli(['--dry-list', '--ci', '--capabilities', 'none', fixture('challenge-proven.md'), fixture('skip-reasons.md')], { KUBECONFIG: '/nonexistent' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('클러스터에는 손대지 않았습니다');
    expect(result.stdout).toContain('4. fx-ch-s1-check 확인 [고장 확인(실패해야 함)]');
    expect(result.stdout).toContain('[needs=internet] — 건너뜀: 이 셀은 인터넷이 필요합니다');
    expect(existsSync(path.join(out, 'challenge.log'))).toBe(false);
  });

  it('a notebook with author problems is not run and fails', async () => {
    const result = await cli(['--dry-list', fixture('bad-syntax.md')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[conflicting-flags]');
  });

  it('refuses a context that is not a learning cluster unless --context names it', async () => {
    const kubeconfig = useKubeconfig('config', 'prod', 'https://127.0.0.1:1');
    const refused = await cli([fixture('ordering.md')], { KUBECONFIG: kubeconfig });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('학습용 클러스터');
    expect(refused.stderr).toContain('--context prod');
    expect(existsSync(path.join(out, 'order.log'))).toBe(false);
    // Named explicitly it is allowed, and then the (unreachable) server is a connection error: also 2.
    const unreachable = await cli(['--context', 'prod', fixture('ordering.md')], { KUBECONFIG: kubeconfig });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('클러스터에 연결할 수 없습니다');
  });

  it('refuses a learning context name whose API server is not a local address', async () => {
    const kubeconfig = useKubeconfig('renamed', 'kind-prod', 'https://10.0.0.5:6443');
    const refused = await cli([fixture('ordering.md')], { KUBECONFIG: kubeconfig });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('이름만 바꾼 실제 클러스터');
    expect(refused.stderr).not.toContain('클러스터에 연결할 수 없습니다');
    expect(existsSync(path.join(out, 'order.log'))).toBe(false);
  });

  it('runs bash notebooks, writes JUnit to --output, and exits 1 on a failure', async () => {
    const report = path.join(out, 'report.xml');
    const result = await cli(['--no-cluster', '--ci', '--format', 'junit', '--output', report, fixture('ordering.md'), fixture('failing-verify.md'), fixture('skip-reasons.md')]);
    expect(result.code).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(readFileSync(report, 'utf8'));
    expect(xml.testsuites.testsuite.map((s: { name: string; failures: string }) => [s.name, s.failures])).toEqual([
      ['test/fixtures/notebooks/ordering.md', '0'],
      ['test/fixtures/notebooks/failing-verify.md', '1'],
      ['test/fixtures/notebooks/skip-reasons.md', '0'],
    ]);
    // Progress and the human summary go to stderr when the report goes to a file.
    expect(result.stderr).toContain('✘ fx-fv-check 확인: 실패');
    expect(result.stderr).toContain('노트북 3개 (CI 모드)');
    expect(result.stderr).toContain('- fx-skip-net: 이 셀은 인터넷이 필요합니다');
    expect(result.stderr).toContain('needs=internet (인터넷): 실행 0, 없어서 건너뜀 1');
  });

  it('exits 0 when everything passes', async () => {
    const result = await cli(['--no-cluster', fixture('challenge-proven.md')]);
    expect(result.stdout).toContain('결과: 성공');
    expect(result.code).toBe(0);
  });
});

describe('Ctrl-C on the real command', () => {
  it('stops the running cell with its grandchildren, runs cleanup, and exits 130', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-notebook.ts', '--no-cluster', fixture('interrupt.md')], {
      cwd: root,
      env: { ...process.env, FIXTURE_OUT: out, CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!existsSync(path.join(out, 'cell.pid')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const pids = ['grandchild.pid', 'cell.pid'].map((f) => Number(readFileSync(path.join(out, f), 'utf8')));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('중단 요청을 받았습니다');
    expect(existsSync(path.join(out, 'cleaned'))).toBe(true);
    expect(existsSync(path.join(out, 'after'))).toBe(false);
    for (const pid of pids) {
      let alive = true;
      try {
        process.kill(pid, 0);
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        alive = stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
      } catch {
        alive = false;
      }
      expect(alive).toBe(false);
    }
  });
});

/** `npm run validate` as a command: exit codes, formats, Korean errors. Offline, so no cluster is needed. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);

async function validate(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', 'scripts/validate-manifests.ts', ...args], { env: { ...process.env, CI: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('validate-manifests CLI', { timeout: 60_000 }, () => {
  it('exits 0 when everything is valid', async () => {
    const r = await validate(['--offline', 'test/fixtures/validate/valid.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('검사한 객체 7개: 유효 7');
  });

  it('exits 1 on invalid manifests and writes JUnit while printing the human report', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'validate-cli-')), 'report.xml');
    const r = await validate(['--offline', '--format', 'junit', '--output', out, 'test/fixtures/validate/unknown-field.md']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/test\/fixtures\/validate\/unknown-field\.md:\d+ Deployment\/typo: 알 수 없는 필드/);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(out, 'utf8'));
    expect(xml.testsuites.failures).toBe('1');
  });

  it('prints JSON results as data', async () => {
    const r = await validate(['--offline', '--format', 'json', 'test/fixtures/validate/missing-name.md']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results).toEqual([expect.objectContaining({ file: 'test/fixtures/validate/missing-name.md', kind: 'ConfigMap', status: 'invalid' })]);
  });

  it('exits 2 on usage errors and on an unreachable cluster, in Korean', async () => {
    const usage = await validate(['--format', 'xml']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format xml은 지원하지 않습니다');

    const missing = await validate(['--offline', 'docs/no-such-folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('파일이나 폴더가 없습니다');

    const dir = mkdtempSync(path.join(tmpdir(), 'validate-cli-'));
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: kind-x\nclusters: [{name: x, cluster: {server: "http://127.0.0.1:1", insecure-skip-tls-verify: true}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: kind-x, context: {cluster: x, user: u}}]\n',
    );
    const down = await validate(['test/fixtures/validate/valid.md'], { KUBECONFIG: kubeconfig });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('http://127.0.0.1:1');
    expect(down.stderr).toContain('--offline');
  });

  it('refuses a context that is not a learning cluster in CI', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'validate-cli-'));
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: production\nclusters: [{name: x, cluster: {server: "http://127.0.0.1:1", insecure-skip-tls-verify: true}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: production, context: {cluster: x, user: u}}]\n',
    );
    const r = await validate(['test/fixtures/validate/valid.md'], { KUBECONFIG: kubeconfig, CI: 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('컨텍스트 이름 "production"가 학습용 클러스터의 이름');
  });

  it('does not load the cluster client in offline mode', async () => {
    // A resolve hook that refuses @kubernetes/client-node: importing it costs about a second of
    // start-up (issue 23), which an offline run must not pay. The hook runs in Node's loader
    // thread, so it is written as plain .mjs files beside each other.
    const dir = mkdtempSync(path.join(tmpdir(), 'validate-cli-hooks-'));
    writeFileSync(
      path.join(dir, 'hooks.mjs'),
      "export async function resolve(specifier, context, next) {\n" +
        "  if (specifier.startsWith('@kubernetes/client-node')) throw new Error('offline mode loaded @kubernetes/client-node');\n" +
        '  return next(specifier, context);\n}\n',
    );
    writeFileSync(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    const run = async (args: string[]) =>
      exec(process.execPath, ['--import', path.join(dir, 'register.mjs'), '--import', 'tsx', 'scripts/validate-manifests.ts', ...args], { env: { ...process.env, CI: '' } }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const offline = await run(['--offline', 'test/fixtures/validate/valid.md']);
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('검사한 객체 7개: 유효 7');
    // The hook does catch the client: cluster mode needs it and fails with the hook's message.
    const cluster = await run(['test/fixtures/validate/valid.md']);
    expect(cluster.code).toBe(2);
    expect(cluster.stderr).toContain('offline mode loaded @kubernetes/client-node');
  });
});

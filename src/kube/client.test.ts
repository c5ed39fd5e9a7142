/**
 * src/kube against a fake API server on loopback (plain HTTP): what we send, how
 * answers become results, connection reuse. The real API server is exercised by
 * test/integration/validate*.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects, closeTarget, deleteObjects, diffObjects, KubeConfigError, loadTarget, type KubeTarget } from './index';

interface Seen {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
const sockets = new Set<unknown>();
let server: http.Server;
let dir: string;

const json = (res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void => {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

let lingeringGets = 0;
const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'lab', resourceVersion: '7', uid: 'u' }, data: { a: '1' } };

function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  seen.push({ method: req.method ?? '', url, headers: req.headers, body });
  const p = url.pathname;
  if (p === '/api/v1') {
    return json(res, 200, {
      resources: [
        { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
        { name: 'namespaces', kind: 'Namespace', namespaced: false },
        { name: 'pods', kind: 'Pod', namespaced: true },
        { name: 'pods/status', kind: 'Pod', namespaced: true },
      ],
    });
  }
  if (p.startsWith('/apis/')) return json(res, 404, { kind: 'Status', code: 404, reason: 'NotFound' });
  if (p === '/api/v1/namespaces/lab/configmaps/new' && req.method === 'PATCH') {
    return json(res, 201, { ...JSON.parse(body), metadata: { name: 'new', namespace: 'lab', managedFields: [{}] } }, {
      Warning: ['299 - "first warning"', '299 - "second \\"quoted\\""'],
    });
  }
  if (p === '/api/v1/namespaces/lab/configmaps/same') {
    if (req.method === 'GET' || req.method === 'PATCH') return json(res, 200, live);
  }
  // terminating objects: "lingering" is gone after two more GETs, "stuck" (a finalizer) never goes
  if (p === '/api/v1/namespaces/lab/configmaps/lingering' || p === '/api/v1/namespaces/lab/configmaps/stuck') {
    const name = p.split('/').pop()!;
    const terminating = { ...live, metadata: { ...live.metadata, name, uid: `uid-${name}`, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    if (req.method === 'DELETE') return json(res, 200, terminating);
    if (req.method === 'GET' && name === 'lingering' && (lingeringGets += 1) > 2) return json(res, 404, { kind: 'Status', code: 404, reason: 'NotFound' });
    if (req.method === 'GET') return json(res, 200, terminating);
  }
  // RBAC that allows delete but not get
  if (p === '/api/v1/namespaces/lab/configmaps/unseen') {
    if (req.method === 'DELETE') return json(res, 200, { ...live, metadata: { ...live.metadata, name: 'unseen', uid: 'uid-unseen' } });
    if (req.method === 'GET') return json(res, 403, { kind: 'Status', code: 403, reason: 'Forbidden' });
  }
  if (p === '/api/v1/namespaces/lab/configmaps/changed') {
    if (req.method === 'GET') return json(res, 200, { ...live, metadata: { ...live.metadata, name: 'changed' } });
    if (req.method === 'PATCH') return json(res, 200, { ...live, metadata: { ...live.metadata, name: 'changed', resourceVersion: '8' }, data: { a: '2' } });
    if (req.method === 'DELETE') return json(res, 200, { kind: 'Status', status: 'Success' });
  }
  if (p === '/api/v1/namespaces/lab/configmaps/bad') {
    return json(res, 422, {
      kind: 'Status',
      reason: 'Invalid',
      code: 422,
      message: 'ConfigMap "bad" is invalid',
      details: { causes: [{ field: 'metadata.labels', message: 'Invalid value: "a b"' }] },
    });
  }
  if (p === '/api/v1/namespaces/lab/pods/secret') {
    return json(res, 403, { kind: 'Status', reason: 'Forbidden', code: 403, message: 'pods "secret" is forbidden' });
  }
  return json(res, 404, { kind: 'Status', reason: 'NotFound', code: 404, message: `${p} not found` });
}

function kubeconfig(server: string, namespace = 'lab'): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: kind-fake
clusters:
- name: fake
  cluster: {server: "${server}", insecure-skip-tls-verify: true}
users:
- name: tester
  user: {token: secret-token}
contexts:
- name: kind-fake
  context: {cluster: fake, user: tester, namespace: ${namespace}}
- name: other
  context: {cluster: fake, user: tester}
`,
  );
  return file;
}

let target: KubeTarget;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kube-test-'));
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = loadTarget({ kubeconfigPath: kubeconfig(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) });
});

afterAll(async () => {
  await closeTarget(target);
  await new Promise((resolve) => server.close(resolve));
});

const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' }, ...extra });

describe('loadTarget', () => {
  it('reads context, server, namespace and user', () => {
    expect(target).toMatchObject({ context: 'kind-fake', namespace: 'lab', user: 'tester' });
    expect(target.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const other = loadTarget({ kubeconfigPath: kubeconfig('http://127.0.0.1:1'), context: 'other' });
    expect(other.namespace).toBe('default');
  });

  it('fails in Korean without a kubeconfig or with an unknown context', () => {
    expect(() => loadTarget({ kubeconfigPath: path.join(dir, 'missing') })).toThrow(KubeConfigError);
    expect(() => loadTarget({ kubeconfigPath: path.join(dir, 'missing') })).toThrow(/kubeconfig 파일을 찾을 수 없습니다/);
    expect(() => loadTarget({ kubeconfigPath: kubeconfig('http://127.0.0.1:1'), context: 'nope' })).toThrow(/"nope" 컨텍스트가 없습니다.*kind-fake, other/);
  });
});

describe('applyObjects', () => {
  it('sends a strict server-side apply with the field manager and the context namespace, and keeps warnings', async () => {
    seen.length = 0;
    const [result] = await applyObjects(target, [cm('new')], { dryRun: true });
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/api/v1/namespaces/lab/configmaps/new');
    expect(Object.fromEntries(patch.url.searchParams)).toEqual({ fieldManager: 'k8s-course', dryRun: 'All', fieldValidation: 'Strict' });
    expect(patch.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(patch.headers.authorization).toBe('Bearer secret-token');
    expect(result).toMatchObject({ status: 'valid', name: 'new', namespace: 'lab', warnings: ['first warning', 'second "quoted"'] });
    expect((result!.object!.metadata as Record<string, unknown>).managedFields).toBeUndefined();
  });

  it('tells created, unchanged and configured apart on a real apply', async () => {
    const results = await applyObjects(target, [cm('new'), cm('same'), cm('changed')], { force: true });
    expect(results.map((r) => r.status)).toEqual(['created', 'unchanged', 'configured']);
    const patch = seen.filter((s) => s.method === 'PATCH').at(-1)!;
    expect(patch.url.searchParams.get('force')).toBe('true');
    expect(patch.url.searchParams.get('dryRun')).toBeNull();
  });

  it('turns rejections into results and keeps input order', async () => {
    const results = await applyObjects(target, [
      cm('bad'),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'secret' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
    ]);
    expect(results.map((r) => r.status)).toEqual(['invalid', 'forbidden', 'error', 'invalid']);
    expect(results[0]!.causes).toEqual([{ field: 'metadata.labels', message: 'Invalid value: "a b"', reason: undefined }]);
    expect(results[1]!.message).toContain('kubectl auth can-i patch pods -n lab');
    expect(results[2]).toMatchObject({ reason: 'NoKindMatch' });
    expect(results[2]!.message).toContain('example.com 그룹의 CRD');
    expect(results[3]!.message).toContain('metadata.name이 없습니다');
  });

  it('reuses kept-alive connections across many calls', async () => {
    const before = sockets.size;
    await applyObjects(target, Array.from({ length: 60 }, () => cm('same')), { dryRun: true, concurrency: 4 });
    expect(sockets.size - before).toBeLessThanOrEqual(4);
  });

  it('reports an unreachable server per object, naming it and what to do', async () => {
    const closed = loadTarget({ kubeconfigPath: kubeconfig('http://127.0.0.1:1') });
    const [result] = await applyObjects(closed, [cm('x')], { dryRun: true });
    expect(result).toMatchObject({ status: 'unreachable', reason: 'ECONNREFUSED' });
    expect(result!.message).toContain('http://127.0.0.1:1');
    expect(result!.message).toContain('kubectl cluster-info');
    await closeTarget(closed);
  });
});

describe('deleteObjects and diffObjects', () => {
  it('deletes in the background and accepts what is already gone', async () => {
    const results = await deleteObjects(target, [cm('changed'), cm('gone'), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]);
    expect(results.map((r) => r.status)).toEqual(['deleted', 'not-found', 'not-found']);
    const del = seen.find((s) => s.method === 'DELETE')!;
    expect(del.url.searchParams.get('propagationPolicy')).toBe('Background');
  });

  it('waits, when asked, until a terminating object is gone, as kubectl delete does', async () => {
    const before = seen.length;
    const [result] = await deleteObjects(target, [cm('lingering')], { waitGoneMs: 5_000 });
    expect(result).toMatchObject({ status: 'deleted' });
    expect(result!.message).toContain('사라진 것까지 확인');
    expect(seen.slice(before).filter((s) => s.method === 'GET' && s.url.pathname.endsWith('/lingering'))).toHaveLength(3);
  });

  it('says so when the object is still there after the wait (a finalizer), and does not wait without waitGoneMs', async () => {
    const [stuck] = await deleteObjects(target, [cm('stuck')], { waitGoneMs: 600 });
    expect(stuck!.message).toContain('초 안에 사라지지 않았습니다');
    expect(stuck!.message).toContain('kubectl get configmaps stuck -n lab -o yaml');
    const before = seen.length;
    const [quick] = await deleteObjects(target, [cm('stuck')]);
    expect(quick!.message).not.toContain('사라지지');
    expect(seen.slice(before).map((s) => s.method)).not.toContain('GET');
  });

  it('stops waiting at the first 403 on GET and says it could not check, instead of waiting the whole time', async () => {
    const before = seen.length;
    const started = Date.now();
    const [result] = await deleteObjects(target, [cm('unseen')], { waitGoneMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ status: 'deleted' });
    expect(result!.message).toContain('확인하지 못했습니다');
    expect(result!.message).toContain('kubectl auth can-i get configmaps -n lab');
    expect(seen.slice(before).filter((s) => s.method === 'GET' && s.url.pathname.endsWith('/unseen'))).toHaveLength(1);
  });

  it('diffs the dry-run result against the live object', async () => {
    const [changed, same] = await diffObjects(target, [cm('changed'), cm('same')]);
    expect(changed).toMatchObject({ status: 'configured' });
    expect(changed!.diff).toContain('-  a: "1"');
    expect(changed!.diff).toContain('+  a: "2"');
    expect(changed!.diff).not.toContain('resourceVersion');
    expect(same).toMatchObject({ status: 'unchanged', diff: '' });
  });
});

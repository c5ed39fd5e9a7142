import { describe, expect, it } from 'vitest';
import { fakeKube, fakeTarget } from './fake-kube';
import { runManifest } from './manifest';
import { manifestLines, rejectionMatches } from './manifest-results';

const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' }, data: { a: 'b' } };

describe('runManifest', () => {
  it('applies server-side with the default namespace and a field manager', async () => {
    const kube = fakeKube('created');
    const result = await runManifest([cm], 'apply', { target: fakeTarget, defaultNamespace: 'd2-lab', fieldManager: 'nb', kube });
    expect(result.status).toBe('passed');
    expect(kube.calls[0]).toMatchObject({ op: 'apply', options: { defaultNamespace: 'd2-lab', fieldManager: 'nb', strict: true } });
    expect(kube.calls[0]!.options.dryRun).toBeUndefined();
    expect(result.output).toBe('ConfigMap/one (네임스페이스 d2-lab): 생성됨\n');
  });

  it('forces conflicts only when asked (the notebook runner restoring a step after a mutant)', async () => {
    const kube = fakeKube('configured');
    await runManifest([cm], 'apply', { target: fakeTarget, kube });
    await runManifest([cm], 'apply', { target: fakeTarget, kube, forceConflicts: true });
    expect(kube.calls.map((c) => c.options.force)).toEqual([undefined, true]);
  });

  it('dry-run sends dryRun, delete treats not-found as done', async () => {
    const kube = fakeKube('valid');
    expect((await runManifest([cm], 'dry-run', { target: fakeTarget, kube })).status).toBe('passed');
    expect(kube.calls[0]!.options.dryRun).toBe(true);
    const gone = await runManifest([cm], 'delete', { target: fakeTarget, kube: fakeKube('not-found') });
    expect(gone.status).toBe('passed');
  });

  it('fails with the object message when the server refuses', async () => {
    const kube = fakeKube(() => ({ status: 'forbidden', message: '권한이 없습니다.' }));
    const result = await runManifest([cm], 'apply', { target: fakeTarget, kube });
    expect(result).toMatchObject({ status: 'failed', message: '권한이 없습니다.' });
    expect(result.objects[0]!.status).toBe('forbidden');
  });

  it('an unreachable cluster is an error, not a content failure', async () => {
    const kube = fakeKube(() => ({ status: 'unreachable', message: 'API 서버에 연결할 수 없습니다.' }));
    expect((await runManifest([cm], 'apply', { target: fakeTarget, kube })).status).toBe('error');
  });

  it('expect-invalid passes only on a rejection containing the text, and always dry-runs', async () => {
    const rejecting = fakeKube(() => ({ status: 'invalid', message: '거부됨', causes: [{ field: 'metadata.name', message: 'must be no more than 63 characters' }] }));
    const passed = await runManifest([cm], 'apply', { target: fakeTarget, kube: rejecting, expectInvalid: 'no more than 63' });
    expect(passed.status).toBe('passed');
    expect(rejecting.calls[0]!.options.dryRun).toBe(true);

    const otherError = await runManifest([cm], 'apply', { target: fakeTarget, kube: rejecting, expectInvalid: 'Unsupported value' });
    expect(otherError).toMatchObject({ status: 'failed' });
    expect(otherError.message).toContain('문구');

    const accepted = await runManifest([cm], 'apply', { target: fakeTarget, kube: fakeKube('valid'), expectInvalid: 'x' });
    expect(accepted.status).toBe('failed');
    expect(accepted.message).toContain('받아들였습니다');
  });

  it('stops waiting at the timeout and on cancel', async () => {
    const slow = fakeKube('created', 5000);
    const timedOut = await runManifest([cm], 'apply', { target: fakeTarget, kube: slow, timeoutMs: 50 });
    expect(timedOut.status).toBe('timed-out');
    const controller = new AbortController();
    const pending = runManifest([cm], 'apply', { target: fakeTarget, kube: slow, signal: controller.signal });
    controller.abort();
    expect((await pending).status).toBe('cancelled');
  });
});

describe('manifest result helpers', () => {
  it('matches expect-invalid text case-insensitively in message or causes, never on success', () => {
    const base = { apiVersion: 'v1', kind: 'Pod', name: 'p', warnings: [] };
    expect(rejectionMatches({ ...base, status: 'invalid', message: 'Unsupported value: "Always2"' }, 'unsupported value')).toBe(true);
    expect(rejectionMatches({ ...base, status: 'created', message: 'Unsupported value' }, 'Unsupported value')).toBe(false);
  });

  it('prints warnings and diffs under their object', () => {
    const text = manifestLines(
      [{ apiVersion: 'v1', kind: 'Pod', name: 'p', status: 'configured', message: '', warnings: ['deprecated'], diff: '-a\n+b' }],
      'diff',
    );
    expect(text).toBe('Pod/p: 변경됨\n  경고: deprecated\n-a\n+b\n');
  });
});

import { describe, expect, it } from 'vitest';
import type { TypedCheck } from '../core';
import type { CheckResult } from '../kube';
import { fakeTarget } from './fake-kube';
import { runChecks } from './checks';

const check: TypedCheck = { type: 'endpoints', line: 6, service: { apiVersion: 'v1', kind: 'Service', name: 'web' }, ready: 2 };

describe('runChecks', () => {
  it('asks again while a check fails and passes once the cluster catches up', async () => {
    let calls = 0;
    const result = await runChecks([check], {
      target: fakeTarget,
      namespace: 'lab',
      timeoutMs: 5_000,
      intervalMs: 10,
      okMessage: '준비됨',
      evaluate: async (): Promise<CheckResult> => ({ check, ok: ++calls >= 3, message: `엔드포인트 ${calls}번째`, related: [] }),
    });
    expect(calls).toBe(3);
    expect(result).toMatchObject({ status: 'passed', message: '준비됨', exitCode: 0 });
  });

  it('fails at its time with the first failing check, how many more, and the related objects in the output', async () => {
    const result = await runChecks([check, check], {
      target: fakeTarget,
      namespace: 'lab',
      timeoutMs: 50,
      intervalMs: 10,
      failMessage: '준비되지 않았습니다',
      evaluate: async (): Promise<CheckResult> => ({ check, ok: false, message: '기대 2개, 실제 0개입니다.', related: ['Pod lab/web-1: Running, Ready 아님'] }),
    });
    expect(result.status).toBe('failed');
    expect(result.message).toBe('준비되지 않았습니다: 기대 2개, 실제 0개입니다. (그 밖에 1개 더 실패)');
    expect(result.output).toContain('✘ 기대 2개, 실제 0개입니다.\n    Pod lab/web-1: Running, Ready 아님\n');
  });

  it('reports an unreachable cluster as an error, not as a failed check', async () => {
    const result = await runChecks([check], { target: fakeTarget, namespace: 'lab', timeoutMs: 50, evaluate: async () => Promise.reject(new Error('연결 거부')) });
    expect(result).toMatchObject({ status: 'error', message: '확인하지 못했습니다: 연결 거부' });
  });
});

/**
 * Typed checks (```yaml verify) against a real API server: the same cell passes on the right state and
 * fails on a typical mistake with expected vs actual and the related objects, through src/runner.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type RunnableCell } from '../../src/core';
import { closeTarget, ensureNamespaces, loadTarget, type KubeTarget } from '../../src/kube';
import { runCell } from '../../src/runner';

const ns = `it-checks-${randomBytes(3).toString('hex')}`;
let target: KubeTarget;

const md = `---
namespace: ${ns}
---

\`\`\`yaml verify id=it-tc-web ok="web이 준비되었습니다" fail="web이 준비되지 않았습니다"
- condition: deployment/web
  type: Available
- endpoints: service/web
  ready: 2
- field: service/web
  path: spec.ports[0].targetPort
  equals: "80"
- event: deployment/web
  reason: ScalingReplicaSet
\`\`\`

\`\`\`yaml verify id=it-tc-rbac timeout=3
- can-i: list pods
  as: system:serviceaccount:${ns}:reader
  namespace: ${ns}
- can-i: get secrets
  as: system:serviceaccount:${ns}:reader
  namespace: ${ns}
  expect: no
\`\`\`
`;
const parsed = parseCellsFromMarkdown(md, 'it.md');
const cell = (id: string) => parsed.cells.find((c) => c.id === id) as RunnableCell;
const kubectl = (...args: string[]) => {
  const r = spawnSync('kubectl', ['-n', ns, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};
const apply = (yaml: string) => {
  const r = spawnSync('kubectl', ['-n', ns, 'apply', '-f', '-'], { input: yaml, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};

const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: ${app}
  ports:
  - port: 80
    targetPort: 80
`;

beforeAll(async () => {
  target = loadTarget();
  await ensureNamespaces(target, [ns]);
  kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2');
  kubectl('rollout', 'status', 'deployment/web', '--timeout=120s');
  kubectl('create', 'serviceaccount', 'reader');
  kubectl('create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods');
  kubectl('create', 'rolebinding', 'reader', '--role=pod-reader', `--serviceaccount=${ns}:reader`);
});
afterAll(async () => {
  spawnSync('kubectl', ['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  await closeTarget(target);
});

const context = () => ({ cwd: '/tmp', target, namespace: ns });

describe('typed checks through src/runner', () => {
  it('parse without author problems', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('pass on the right state, then fail on a selector typo naming the selector, the pods and the ports', async () => {
    apply(service('web'));
    const right = await runCell(cell('it-tc-web'), context());
    expect(right.message).toBe('web이 준비되었습니다');
    expect(right.status).toBe('passed');
    expect(right.output).toContain(`✔ Service web의 준비된 엔드포인트가 2개입니다.`);

    apply(service('wbe'));
    const started = performance.now();
    const wrong = await runCell({ ...cell('it-tc-web'), timeoutSeconds: 4 }, context());
    expect(wrong.status).toBe('failed');
    // It kept asking for the cell's time before failing (an EndpointSlice update takes a moment).
    expect(performance.now() - started).toBeGreaterThan(2500);
    expect(wrong.message).toBe('web이 준비되지 않았습니다: Service web 셀렉터 app=wbe 에 맞는 파드가 0개입니다 (준비된 엔드포인트 기대 2개, 실제 0개). 셀렉터와 파드 레이블의 철자를 비교하세요.');
    expect(wrong.output).toMatch(/이 네임스페이스 파드의 레이블: app=web/);
    expect(wrong.output).toContain('Service web 포트: 80→80');
    expect(wrong.output).toContain('✔ Deployment');
  });

  it('a changed field shows expected and actual', async () => {
    apply(service('web').replace('targetPort: 80', 'targetPort: 8080'));
    const wrong = await runCell({ ...cell('it-tc-web'), timeoutSeconds: 2 }, context());
    expect(wrong.status).toBe('failed');
    expect(wrong.output).toContain(`✘ Service ${ns}/web의 spec.ports[0].targetPort: 기대 80, 실제 8080입니다.`);
  });

  it('can-i through a SubjectAccessReview, with the service account groups', async () => {
    const ok = await runCell(cell('it-tc-rbac'), context());
    expect(ok.status, ok.output).toBe('passed');
    kubectl('create', 'rolebinding', 'reader-edit', '--clusterrole=edit', `--serviceaccount=${ns}:reader`);
    const wrong = await runCell(cell('it-tc-rbac'), context());
    expect(wrong.status).toBe('failed');
    expect(wrong.message).toContain(`system:serviceaccount:${ns}:reader의 get secrets (네임스페이스 ${ns}): 기대 거부, 실제 허용입니다.`);
  });
});

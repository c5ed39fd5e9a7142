import { describe, expect, it } from 'vitest';
import { mapLimit } from './concurrency';
import { isLearningContext, judgeLearningCluster } from './context';
import { renderDiff, stripServerFields } from './diff';
import { isBuiltInGroup, resourcePath, splitApiVersion } from './discovery';
import { fieldPathToSegments, resolveFieldPath } from './field-path';
import { causesFromMessage, failureFromResponse } from './status';
import { parseWarningHeaders, warningHeaderValues } from './warnings';

describe('isLearningContext', () => {
  it.each(['kind-kind', 'kind-course', 'minikube', 'k3d-dev', 'docker-desktop', 'rancher-desktop', 'orbstack', 'k8s-course-local'])(
    'accepts %s',
    (context) => expect(isLearningContext(context)).toBe(true),
  );
  it.each(['prod', 'kind', 'k3d-', 'arn:aws:eks:ap-northeast-2:1:cluster/kind-x', 'gke_p_z_minikube', 'minikube-prod'])('refuses %s', (context) =>
    expect(isLearningContext(context)).toBe(false),
  );
});

describe('field paths', () => {
  it('splits validation paths with indices and map keys', () => {
    expect(fieldPathToSegments('spec.template.spec.containers[0].imagePullPolcy')).toEqual([
      'spec', 'template', 'spec', 'containers', 0, 'imagePullPolcy',
    ]);
    expect(fieldPathToSegments('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldPathToSegments('.spec.replica')).toEqual(['spec', 'replica']);
  });

  it('resolves server-side apply list selectors against the manifest, ignoring defaulted keys', () => {
    const object = {
      spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }, { name: 'b', foo: 1 }] },
    };
    expect(resolveFieldPath('.spec.containers[name="b"].foo', object)).toEqual(['spec', 'containers', 1, 'foo']);
    expect(resolveFieldPath('.spec.containers[name="a"].ports[containerPort="80",protocol="TCP"].containerPort', object)).toEqual([
      'spec', 'containers', 0, 'ports', 0, 'containerPort',
    ]);
    expect(resolveFieldPath('.spec.containers[name="zzz"].foo', object)).toEqual(['spec', 'containers']);
  });
});

describe('API failures', () => {
  it('reads every field of a server-side apply typed-patch error (HTTP 500) as invalid', () => {
    const message =
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n' +
      '  .spec.template.spec.containers[name="a"].imagePullPolcy: field not declared in schema\n' +
      '  .spec.replicas: expected numeric (int or float), got string';
    const failure = failureFromResponse(500, { kind: 'Status', message, code: 500 }, { user: 'u', verb: 'patch', resource: 'deployments' });
    expect(failure.status).toBe('invalid');
    expect(failure.reason).toBe('BadRequest');
    expect(failure.causes?.map((c) => c.field)).toEqual(['spec.template.spec.containers[name="a"].imagePullPolcy', 'spec.replicas']);
  });

  it('reads strict-decoding unknown fields', () => {
    expect(causesFromMessage('strict decoding error: unknown field "spec.replica", unknown field "spec.foo"').map((c) => c.field)).toEqual([
      'spec.replica',
      'spec.foo',
    ]);
  });

  it('says who may not do what on Forbidden, and how to check', () => {
    const failure = failureFromResponse(
      403,
      { kind: 'Status', reason: 'Forbidden', message: 'pods is forbidden: User "jane" cannot patch resource "pods"', code: 403 },
      { user: 'jane', verb: 'patch', resource: 'pods', namespace: 'lab' },
    );
    expect(failure.status).toBe('forbidden');
    expect(failure.message).toContain('"jane" 사용자는 pods를 patch할 수 없습니다');
    expect(failure.message).toContain('kubectl auth can-i patch pods -n lab');
  });

  it('keeps the causes of Invalid', () => {
    const failure = failureFromResponse(
      422,
      {
        kind: 'Status',
        reason: 'Invalid',
        message: 'Deployment.apps "web" is invalid: ...',
        details: { causes: [{ field: 'spec.template.metadata.labels', message: 'Invalid value: ... `selector` does not match template `labels`' }] },
      },
      { user: 'u', verb: 'patch', resource: 'deployments' },
    );
    expect(failure).toMatchObject({ status: 'invalid', reason: 'Invalid', causes: [{ field: 'spec.template.metadata.labels' }] });
    expect(failure.message).toContain('spec.template.metadata.labels: Invalid value');
  });

  it('names the missing namespace', () => {
    const failure = failureFromResponse(
      404,
      { kind: 'Status', reason: 'NotFound', message: 'namespaces "lab" not found', details: { name: 'lab', kind: 'namespaces' } },
      { user: 'u', verb: 'patch', resource: 'pods', namespace: 'lab' },
    );
    expect(failure).toMatchObject({ status: 'error', reason: 'NamespaceNotFound' });
    expect(failure.message).toContain('kubectl create namespace lab');
  });
});

describe('warnings', () => {
  it('parses one or several warnings per header, unescaping quotes', () => {
    expect(
      parseWarningHeaders([
        '299 - "autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler"',
        '299 - "annotation \\"kubernetes.io/ingress.class\\" is deprecated", 299 - "second"',
      ]),
    ).toEqual([
      'autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler',
      'annotation "kubernetes.io/ingress.class" is deprecated',
      'second',
    ]);
    expect(warningHeaderValues(['Content-Type', 'json', 'Warning', 'a', 'warning', 'b'])).toEqual(['a', 'b']);
  });
});

describe('discovery helpers', () => {
  it('builds namespaced and cluster-scoped paths', () => {
    const deployments = { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true };
    expect(resourcePath(deployments, 'lab', 'web')).toBe('/apis/apps/v1/namespaces/lab/deployments/web');
    expect(resourcePath({ group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false }, 'x', 'lab')).toBe(
      '/api/v1/namespaces/lab',
    );
    expect(splitApiVersion('v1')).toEqual({ group: '', version: 'v1' });
    expect(isBuiltInGroup('networking.k8s.io')).toBe(true);
    expect(isBuiltInGroup('gateway.networking.k8s.io')).toBe(false);
    expect(isBuiltInGroup('monitoring.coreos.com')).toBe(false);
  });
});

describe('diff', () => {
  it('shows only the changed fields, without server bookkeeping', () => {
    const live = stripServerFields({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', uid: '1', resourceVersion: '5', managedFields: [{}], creationTimestamp: 'x' },
      data: { a: '1', b: '2' },
    });
    const after = stripServerFields({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: '1' }, data: { a: '1', b: '3' } });
    const diff = renderDiff('ConfigMap/c', live, after);
    expect(diff).toContain('-  b: "2"');
    expect(diff).toContain('+  b: "3"');
    expect(diff).not.toMatch(/uid|resourceVersion|managedFields/);
    expect(renderDiff('ConfigMap/c', after, after)).toBe('');
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe('terminating namespace', () => {
  it('is not reported as an RBAC problem', () => {
    const failure = failureFromResponse(
      403,
      { kind: 'Status', reason: 'Forbidden', code: 403, message: 'pods "x" is forbidden: unable to create new content in namespace lab because it is being terminated' },
      { user: 'admin', verb: 'patch', resource: 'pods', namespace: 'lab' },
    );
    expect(failure).toMatchObject({ status: 'error', reason: 'NamespaceTerminating' });
    expect(failure.message).toContain('삭제되는 중');
  });
});

describe('judgeLearningCluster', () => {
  it.each([
    ['kind-k8s-course', 'https://127.0.0.1:39211'],
    ['kind-k8s-course', 'https://172.18.0.3:6443'],
    ['minikube', 'https://192.168.49.2:8443'],
    ['k3d-dev', 'https://0.0.0.0:6550'],
    ['docker-desktop', 'https://kubernetes.docker.internal:6443'],
    ['k8s-course-local', 'https://[::1]:30103'],
    ['k8s-course-local', 'https://10.250.37.1:30103'],
  ])('%s at %s is a learning cluster', (context, server) => expect(judgeLearningCluster(context, server)).toEqual({ learning: true }));

  it.each([
    ['kind-prod', 'https://10.0.0.5:6443', '10.0.0.5'],
    ['minikube', 'https://k8s.corp.example:443', 'k8s.corp.example'],
    ['docker-desktop', 'https://172.20.0.2:6443', '172.20.0.2'],
    ['prod', 'https://127.0.0.1:6443', '"prod"'],
    ['k8s-course-local', 'https://10.251.0.1:6443', '10.251.0.1'],
  ])('%s at %s is not, and the reason names it', (context, server, named) => {
    const judged = judgeLearningCluster(context, server);
    expect(judged.learning).toBe(false);
    if (!judged.learning) expect(judged.reason).toContain(named);
  });
});

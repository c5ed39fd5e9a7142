/**
 * The manifest validator in cluster mode against a real API server (the local control
 * plane of scripts/cluster, or the cluster in KUBECONFIG). Needs the global setup
 * test/setup/cluster-global-setup.ts. Each fixture holds one failure class; lines are
 * named by the text on them (see fixtures/validate/helpers.ts).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadTarget, type KubeTarget } from '../../src/kube';
import { validateContent, type ValidationReport } from '../../src/validate';
import { FIXTURES, lineAfter, lineOf, resultFor, SHARED_VERDICTS } from '../fixtures/validate/helpers';

let target: KubeTarget;
let report: ValidationReport;

beforeAll(async () => {
  const kubeconfigPath = process.env.KUBECONFIG ?? inject('kubeconfig');
  target = loadTarget({ kubeconfigPath });
  report = await validateContent(process.cwd(), [FIXTURES], { mode: 'cluster', target, requireThrowaway: true });
}, 180_000);

const at = (fixture: string, text: string, occurrence = 1) => ({ file: `${FIXTURES}/${fixture}`, line: lineOf(fixture, text, occurrence) });

describe('validator, cluster mode', () => {
  it('accepts valid objects, namespaced and cluster-scoped, built-in and from the CRD catalog', () => {
    for (const [kind, name] of [
      ['Deployment', 'web'],
      ['Service', 'web'],
      ['ClusterRole', 'vt-pod-reader'],
      ['PriorityClass', 'vt-high'],
      ['Namespace', 'vt-valid-extra'],
      ['ServiceMonitor', 'web'],
      ['HTTPRoute', 'web'],
    ] as const) {
      expect(resultFor(report, 'valid.md', kind, name), `${kind}/${name}`).toMatchObject({ status: 'valid', messages: [] });
    }
    // The Service has no metadata.namespace: it goes to the page's front-matter namespace.
    expect(resultFor(report, 'valid.md', 'Service', 'web').namespace).toBeUndefined();
  });

  it('reports YAML syntax errors at their own line: duplicate key, bad indentation, tab', () => {
    const yaml = report.results.filter((r) => r.file === `${FIXTURES}/yaml-syntax.md`);
    expect(yaml.map((r) => [r.status, r.line])).toEqual([
      ['invalid', lineOf('yaml-syntax.md', 'color: red')],
      ['invalid', lineOf('yaml-syntax.md', ' data:')],
      ['invalid', lineOf('yaml-syntax.md', '\tname: tabbed')],
    ]);
    expect(yaml[0]!.messages[0]).toContain('같은 키가 두 번');
    expect(yaml[1]!.messages[0]).toContain('들여쓰기');
    expect(yaml[2]!.messages[0]).toContain('탭 문자');
  });

  it('reports a missing metadata.name at metadata', () => {
    const r = resultFor(report, 'missing-name.md', 'ConfigMap', '');
    expect(r).toMatchObject({ status: 'invalid', ...at('missing-name.md', 'metadata:') });
    expect(r.messages[0]).toContain('metadata.name이 없습니다');
  });

  it('reports unknown fields at the line of the misspelled key', () => {
    const r = resultFor(report, 'unknown-field.md', 'Deployment', 'typo');
    expect(r).toMatchObject({ status: 'invalid', ...at('unknown-field.md', 'replica: 3') });
    expect(r.messages[0]).toContain('알 수 없는 필드');
    expect(r.messages[0]).toContain('spec.replica');
    // Server-side apply may also name the nested typo in the same answer; then it has its own line.
    for (const location of r.locations.slice(1)) {
      expect(location).toMatchObject({ line: lineOf('unknown-field.md', 'imagePullPolcy'), field: expect.stringContaining('imagePullPolcy') });
    }
  });

  it('reports wrong types at the key', () => {
    const r = resultFor(report, 'wrong-type.md', 'Deployment', 'types');
    expect(r).toMatchObject({ status: 'invalid', ...at('wrong-type.md', 'replicas: "three"') });
    expect(r.messages[0]).toContain('타입이 틀렸습니다');
  });

  it('reports invalid values: names, label values, ports, selector/template mismatch', () => {
    const name = resultFor(report, 'invalid-values.md', 'ConfigMap', 'Bad_Name');
    expect(name).toMatchObject({ status: 'invalid', ...at('invalid-values.md', 'name: Bad_Name') });
    expect(name.messages[0]).toContain('RFC 1123');

    const label = resultFor(report, 'invalid-values.md', 'ConfigMap', 'bad-label');
    expect(label).toMatchObject({ status: 'invalid', ...at('invalid-values.md', 'labels:') });
    expect(label.messages[0]).toContain('front end');

    const deployment = resultFor(report, 'invalid-values.md', 'Deployment', 'mismatch');
    expect(deployment.status).toBe('invalid');
    expect(deployment.locations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: lineOf('invalid-values.md', 'labels:', 2), message: expect.stringContaining('selector가 template의 labels와 맞지 않습니다') }),
        expect.objectContaining({ line: lineOf('invalid-values.md', 'containerPort: 70000'), message: expect.stringContaining('65535') }),
      ]),
    );
  });

  it('applies a CRD from the content first, then checks its custom resources: schema, CEL, unknown fields', () => {
    expect(resultFor(report, 'crd.md', 'CustomResourceDefinition', 'scalers.validate.k8s-course.test').status).toBe('valid');
    expect(resultFor(report, 'crd.md', 'Scaler', 'good').status).toBe('valid');

    const badEnum = resultFor(report, 'crd.md', 'Scaler', 'bad-enum');
    expect(badEnum).toMatchObject({ status: 'invalid', ...at('crd.md', 'mode: Sometimes') });
    expect(badEnum.messages).toHaveLength(1);
    expect(badEnum.messages[0]).toContain('Unsupported value: "Sometimes"');

    const cel = resultFor(report, 'crd.md', 'Scaler', 'bad-cel');
    expect(cel).toMatchObject({ status: 'invalid', line: lineAfter('crd.md', 'name: bad-cel', 'spec:') });
    expect(cel.messages[0]).toContain('minReplicas must not exceed maxReplicas');

    const field = resultFor(report, 'crd.md', 'Scaler', 'bad-field');
    expect(field).toMatchObject({ status: 'invalid', ...at('crd.md', 'maxReplica: 4') });
  });

  it('turns deprecation Warning headers into warnings', () => {
    const old = resultFor(report, 'crd.md', 'Scaler', 'old');
    expect(old).toMatchObject({ status: 'warning', ...at('crd.md', 'apiVersion: validate.k8s-course.test/v1beta1') });
    expect(old.messages[0]).toContain('v1beta1 Scaler is deprecated');
    const ingress = resultFor(report, 'deprecated.md', 'Ingress', 'annotated-class');
    expect(ingress.status).toBe('warning');
    expect(ingress.messages[0]).toContain('kubernetes.io/ingress.class');
  });

  it('names the replacement of removed API versions at the apiVersion line', () => {
    const cases: [string, string, string][] = [
      ['Ingress', 'old-ingress', 'networking.k8s.io/v1 Ingress'],
      ['Ingress', 'beta-ingress', 'networking.k8s.io/v1 Ingress'],
      ['PodDisruptionBudget', 'old-pdb', 'policy/v1 PodDisruptionBudget'],
      ['HorizontalPodAutoscaler', 'old-hpa', 'autoscaling/v2 HorizontalPodAutoscaler'],
      ['CronJob', 'old-cron', 'batch/v1 CronJob'],
      ['FlowSchema', 'old-flow', 'flowcontrol.apiserver.k8s.io/v1 FlowSchema'],
    ];
    for (const [kind, name, replacement] of cases) {
      const r = resultFor(report, 'removed-apis.md', kind, name);
      expect(r.status, `${kind}/${name}`).toBe('invalid');
      expect(r.messages[0]).toContain('제거된 API');
      expect(r.messages[0]).toContain(`${replacement}를 쓰세요`);
      expect(r.line).toBe(r.locations[0]!.line);
    }
    expect(resultFor(report, 'removed-apis.md', 'Ingress', 'old-ingress').line).toBe(lineOf('removed-apis.md', 'apiVersion: extensions/v1beta1'));
  });

  it('fails an unannotated YAML block that is not a Kubernetes object, and skips annotated ones', () => {
    const blocks = report.results.filter((r) => r.file === `${FIXTURES}/not-k8s.md`);
    expect(blocks.map((r) => [r.status, r.annotation, r.line])).toEqual([
      ['invalid', undefined, lineOf('not-k8s.md', 'replicaCount: 2')],
      ['annotated', 'not-k8s', lineOf('not-k8s.md', '```yaml not-k8s')],
      ['annotated', 'fragment', lineOf('not-k8s.md', '```yaml fragment')],
    ]);
    expect(blocks[0]!.messages[0]).toContain('apiVersion과 kind가 없어');
  });

  it('fails an object whose CRD is neither installed nor in the content, naming the group', () => {
    const r = resultFor(report, 'missing-crd.md', 'Widget', 'lonely');
    expect(r).toMatchObject({ status: 'invalid', ...at('missing-crd.md', 'apiVersion: widgets.example.invalid/v1') });
    expect(r.messages[0]).toContain('widgets.example.invalid 그룹의 CRD');
  });

  it('judges expect-invalid both ways', () => {
    expect(resultFor(report, 'expect-invalid.md', 'Service', 'typo-type')).toMatchObject({ status: 'annotated', annotation: 'expect-invalid' });

    const accepted = resultFor(report, 'expect-invalid.md', 'Service', 'fine-type');
    expect(accepted).toMatchObject({ status: 'invalid', line: lineAfter('expect-invalid.md', '받아들여짐', 'apiVersion: v1') });
    expect(accepted.messages[0]).toContain('API 서버가 이 객체를 받아들였습니다');

    const other = resultFor(report, 'expect-invalid.md', 'Service', 'other-reason');
    expect(other).toMatchObject({ status: 'invalid', ...at('expect-invalid.md', 'selectr:') });
    expect(other.messages[0]).toContain('다른 이유로 거부됩니다');
  });

  it('counts everything in the summary', () => {
    const s = report.summary;
    expect(s.invalid).toBe(report.results.filter((r) => r.status === 'invalid').length);
    expect(s.warnings).toBe(2);
    expect(s.errors).toBe(0);
    expect(s.annotated).toBe(4); // fragment, not-k8s, expect-invalid, and the expect-invalid mutant of mutants.md
    expect(s.checked).toBe(report.results.filter((r) => r.kind !== '').length);
  });

  it('gives the same verdicts as offline mode on what both can judge', async () => {
    const offline = await validateContent(process.cwd(), [FIXTURES], { mode: 'offline' });
    for (const [fixture, kind, name, status] of SHARED_VERDICTS) {
      expect(resultFor(report, fixture, kind, name).status, `cluster ${fixture} ${kind}/${name}`).toBe(status);
      const off = resultFor(offline, fixture, kind, name).status;
      // Offline notes expect-invalid examples instead of judging the server's wording.
      expect(off, `offline ${fixture} ${kind}/${name}`).toBe(status);
    }
  });
});

describe('validator guard', () => {
  it('refuses a context that is not a learning cluster when asked to', async () => {
    const renamed: KubeTarget = { ...target, context: 'prod-cluster' };
    await expect(validateContent(process.cwd(), [`${FIXTURES}/valid.md`], { mode: 'cluster', target: renamed, requireThrowaway: true })).rejects.toThrow(
      /학습용 클러스터의 이름.*학습용\(일회용\) 클러스터/,
    );
  });

  it('refuses a learning name whose server is not a local address (a real cluster renamed)', async () => {
    const renamed: KubeTarget = { ...target, context: 'kind-prod', server: 'https://10.0.0.5:6443' };
    await expect(validateContent(process.cwd(), [`${FIXTURES}/valid.md`], { mode: 'cluster', target: renamed, requireThrowaway: true })).rejects.toThrow(
      /이름만 바꾼 실제 클러스터/,
    );
  });
});

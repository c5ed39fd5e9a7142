import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../core';
import { collectObjects } from './collect';
import { judge } from './judge';
import { lineOfField } from './lines';
import { findRemovedApi, REMOVED_APIS, removedApiMessage } from './removed-apis';
import { REPORTERS } from './report';
import { exitCodeOf, summarize } from './summary';
import type { ValidationReport, ValidationResult } from './types';
import type { Verdict } from './verdict';

const md = (text: string) => parseCellsFromMarkdown(text, 'docs/x.md');

const page = [
  '---', // 1
  'namespace: lab', // 2
  '---', // 3
  '', // 4
  '```yaml', // 5
  'apiVersion: apps/v1', // 6
  'kind: Deployment', // 7
  'metadata:', // 8
  '  name: web', // 9
  'spec:', // 10
  '  template:', // 11
  '    spec:', // 12
  '      containers:', // 13
  '        - name: a', // 14
  '          image: nginx', // 15
  '        - name: b', // 16
  '          imagePullPolcy: Always', // 17
  '---', // 18
  'apiVersion: v1', // 19
  'kind: Service', // 20
  'metadata:', // 21
  '  name: web', // 22
  '```', // 23
  '', // 24
  '```yaml expect-invalid="Unsupported value"', // 25
  'apiVersion: v1', // 26
  'kind: Service', // 27
  'metadata:', // 28
  '  name: broken', // 29
  '```', // 30
  '', // 31
  '```yaml fragment', // 32
  'spec: {}', // 33
  '```', // 34
].join('\n');

describe('collecting objects through src/core', () => {
  const { items, immediate, expectCells } = collectObjects([md(page)]);

  it('splits multi-document blocks, with absolute lines and the page namespace', () => {
    expect(items.map((i) => [i.document.kind, i.document.line, i.defaultNamespace])).toEqual([
      ['Deployment', 6, 'lab'],
      ['Service', 19, 'lab'],
      ['Service', 26, 'lab'],
    ]);
    expect(items[2]!.expectInvalid).toBe('Unsupported value');
    expect([...expectCells.keys()]).toEqual([items[2]!.cellId]);
    expect(immediate).toMatchObject([{ status: 'annotated', annotation: 'fragment', line: 32 }]);
  });

  it('maps API field paths to the Markdown line of the key, list selectors included', () => {
    const deployment = items[0]!;
    expect(lineOfField(deployment, 'spec.template.spec.containers[1].imagePullPolcy')).toBe(17);
    expect(lineOfField(deployment, '.spec.template.spec.containers[name="b"].imagePullPolcy')).toBe(17);
    expect(lineOfField(deployment, 'spec.replicas')).toBe(10);
    expect(lineOfField(deployment, undefined)).toBe(6);
    expect(lineOfField(items[1]!, 'metadata.name')).toBe(22);
  });
});

describe('judging', () => {
  const { items, immediate, expectCells } = collectObjects([md(page)]);
  const accepted = (i: number, warnings: string[] = []): Verdict => ({ item: items[i]!, outcome: 'accepted', problems: [], text: '', warnings });
  const rejected = (i: number, field: string, text: string): Verdict => ({ item: items[i]!, outcome: 'rejected', problems: [{ field, message: text }], text, warnings: [] });

  it('puts each problem on its own line and keeps warnings of valid objects', () => {
    const results = judge(
      [rejected(0, 'spec.template.spec.containers[1].imagePullPolcy', 'unknown field'), accepted(1, ['deprecated']), rejected(2, 'spec.type', 'Unsupported value: "x"')],
      immediate,
      expectCells,
      'cluster',
    );
    expect(results.map((r) => [r.kind, r.name, r.status, r.line])).toEqual([
      ['Deployment', 'web', 'invalid', 17],
      ['Service', 'web', 'warning', 19],
      ['Service', 'broken', 'annotated', 26],
      ['', '', 'annotated', 32],
    ]);
    expect(summarize(results)).toEqual({ checked: 3, valid: 1, invalid: 1, annotated: 2, warnings: 1, errors: 0 });
  });

  it('fails an expect-invalid object that is accepted or rejected for another reason', () => {
    const acceptedResult = judge([accepted(2)], [], expectCells, 'cluster')[0]!;
    expect(acceptedResult).toMatchObject({ status: 'invalid', line: 26 });
    expect(acceptedResult.messages[0]).toContain('받아들였습니다');
    const other = judge([rejected(2, 'spec.selectr', 'unknown field "spec.selectr"')], [], expectCells, 'cluster')[0]!;
    expect(other.status).toBe('invalid');
    expect(other.messages[0]).toContain('다른 이유로 거부됩니다');
  });

  it('only notes expect-invalid objects offline', () => {
    expect(judge([accepted(2)], [], expectCells, 'offline')[0]).toMatchObject({ status: 'annotated', annotation: 'expect-invalid' });
  });

  it('exits 0 when all valid, 1 on invalid, 2 when something could not be judged', () => {
    const base = { checked: 1, valid: 1, invalid: 0, annotated: 0, warnings: 0, errors: 0 };
    expect(exitCodeOf(base)).toBe(0);
    expect(exitCodeOf({ ...base, invalid: 1 })).toBe(1);
    expect(exitCodeOf({ ...base, invalid: 1, errors: 1 })).toBe(2);
  });
});

describe('removed APIs', () => {
  it('names the replacement of each removal the validator must catch', () => {
    const cases: [string, string, string][] = [
      ['extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1 Ingress'],
      ['networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1 Ingress'],
      ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1 PodDisruptionBudget'],
      ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2 HorizontalPodAutoscaler'],
      ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2 HorizontalPodAutoscaler'],
      ['batch/v1beta1', 'CronJob', 'batch/v1 CronJob'],
      ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1 FlowSchema'],
      ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration'],
      ['extensions/v1beta1', 'Deployment', 'apps/v1 Deployment'],
      ['rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding'],
    ];
    for (const [apiVersion, kind, replacement] of cases) {
      const api = findRemovedApi(apiVersion, kind);
      expect(api?.replacement, `${apiVersion} ${kind}`).toBe(replacement);
      expect(removedApiMessage(api!, kind)).toContain(`${replacement}를 쓰세요`);
    }
    expect(removedApiMessage(findRemovedApi('policy/v1beta1', 'PodSecurityPolicy')!, 'PodSecurityPolicy')).toContain('Pod Security Admission');
  });

  it('does not flag current versions, and lists each removal once', () => {
    for (const [apiVersion, kind] of [['networking.k8s.io/v1', 'Ingress'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['batch/v1', 'CronJob'], ['policy/v1', 'PodDisruptionBudget']]) {
      expect(findRemovedApi(apiVersion!, kind!)).toBeUndefined();
    }
    const keys = REMOVED_APIS.map((api) => `${api.apiVersion} ${api.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('reporters', () => {
  const results: ValidationResult[] = [
    { file: 'docs/a.md', line: 12, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', status: 'invalid', messages: ['알 수 없는 필드 <spec.replica> & "x"'], locations: [{ line: 12, field: 'spec.replica', message: '알 수 없는 필드 <spec.replica> & "x"' }, { line: 20, message: '두 번째' }] },
    { file: 'docs/a.md', line: 30, apiVersion: 'v1', kind: 'Service', name: 'web', status: 'valid', messages: [], locations: [] },
    { file: 'docs/b.md', line: 4, apiVersion: '', kind: '', name: '', status: 'annotated', annotation: 'fragment', messages: ['설명용'], locations: [] },
    { file: 'docs/b.md', line: 9, apiVersion: 'v1', kind: 'Pod', name: 'p', status: 'warning', messages: ['경고: deprecated'], locations: [{ line: 9, message: '경고: deprecated' }] },
    { file: 'docs/b.md', line: 15, apiVersion: 'v1', kind: 'Pod', name: 'q', status: 'error', messages: ['연결할 수 없습니다'], locations: [{ line: 15, message: '연결할 수 없습니다' }] },
  ];
  const report: ValidationReport = { mode: 'cluster', against: 'kind-kind', results, summary: summarize(results), notes: [], durationMs: 1234 };

  it('human: one `file:line kind/name: message` row per problem, then the counts', () => {
    const text = REPORTERS.human.render(report);
    expect(text).toContain('docs/a.md:12 Deployment/web: 알 수 없는 필드');
    expect(text).toContain('docs/a.md:20 Deployment/web: 두 번째');
    expect(text).toContain('docs/b.md:9 Pod/p: 경고: deprecated');
    expect(text).toContain('docs/b.md:15 Pod/q: 연결할 수 없습니다');
    expect(text).not.toContain('Service/web');
    expect(text).toContain('검사한 객체 4개: 유효 2 (경고 1), 틀림 1, 주석 1');
  });

  it('json: the report as data', () => {
    expect(JSON.parse(REPORTERS.json.render(report))).toEqual(report);
  });

  it('junit: parses back to one suite per file with failures, errors and skips', () => {
    const xml = REPORTERS.junit.render(report);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const root = parsed.testsuites;
    expect(root).toMatchObject({ tests: '5', failures: '1', errors: '1', skipped: '1' });
    expect(root.testsuite.map((s: { name: string; tests: string }) => [s.name, s.tests])).toEqual([
      ['docs/a.md', '2'],
      ['docs/b.md', '3'],
    ]);
    const failing = root.testsuite[0].testcase[0];
    expect(failing.name).toBe('Deployment/web (docs/a.md:12)');
    expect(failing.failure.message).toBe('알 수 없는 필드 <spec.replica> & "x"');
    expect(failing.failure['#text']).toContain('docs/a.md:20 두 번째');
    expect(root.testsuite[1].testcase[0].skipped).toBeDefined();
    expect(root.testsuite[1].testcase[2].error.message).toBe('연결할 수 없습니다');
  });
});

import { describe, expect, it } from 'vitest';
import { fieldPathParts } from './checks';
import { parseCellsFromMarkdown } from './parse';
import type { ShellCell } from './types';

const page = (body: string, meta = 'id=tc ok="좋음" fail="나쁨"') => `---\nnamespace: lab\n---\n\n\`\`\`yaml verify ${meta}\n${body}\n\`\`\`\n`;

describe('typed checks (yaml verify)', () => {
  it('is a verify cell whose checks carry their Markdown line', () => {
    const parsed = parseCellsFromMarkdown(page('- endpoints: svc/web\n  ready: 3\n- can-i: create deployments.apps\n  as: system:serviceaccount:lab:bot\n  expect: no'), 'a.md');
    expect(parsed.problems).toEqual([]);
    const cell = parsed.cells[0] as ShellCell;
    expect(cell).toMatchObject({ kind: 'shell', role: 'verify', okMessage: '좋음', failMessage: '나쁨' });
    expect(cell.checks).toEqual([
      { type: 'endpoints', line: 6, service: { apiVersion: 'v1', kind: 'Service', name: 'web' }, ready: 3 },
      { type: 'can-i', line: 8, verb: 'create', resource: 'deployments', group: 'apps', as: 'system:serviceaccount:lab:bot', expect: false },
    ]);
  });

  it('reports author mistakes at the line of the item or key, in Korean, with how to write it', () => {
    const parsed = parseCellsFromMarkdown(page('- condition: widget/x\n  type: Ready\n- field: deploy/web\n  path: spec.replicas\n- event: pod/p\n  reasn: Killing\n- endpoints: deployment/web\n  ready: 2\n- nothing: here'), 'a.md');
    const head = (text: string) => text.slice(0, 30);
    expect(parsed.problems.map((p) => [p.line, head(p.message)])).toEqual([
      [6, head('"widget/x"는 확인할 객체가 아닙니다. kubectl처럼 종류/이름으로 쓰')],
      [8, head('field 확인에는 equals: 값 또는 exists: true/false가 필요합니다.')],
      [11, head('event 확인에는 "reasn" 키를 쓸 수 없습니다. 쓸 수 있는 키: event')],
      [10, head('event 확인에는 reason 키가 필요합니다 (예: reason: ScalingReplic')],
      [12, head('endpoints는 Service의 엔드포인트를 셉니다: endpoints: service/w')],
      [14, head('확인 항목의 종류가 없습니다. endpoints, condition, field, event')],
    ]);
    expect(parseCellsFromMarkdown(page('endpoints: service/web'), 'a.md').problems[0]!.message).toContain('확인 항목의 목록입니다');
    expect(parseCellsFromMarkdown(page('- endpoints: service/web\n  ready: 1', 'id=tc cleanup'), 'a.md').problems[0]!.message).toContain('cleanup');
  });

  it('splits field paths with list indexes', () => {
    expect(fieldPathParts('spec.ports[0].targetPort')).toEqual(['spec', 'ports', 0, 'targetPort']);
    expect(fieldPathParts('metadata.labels.app')).toEqual(['metadata', 'labels', 'app']);
  });
});

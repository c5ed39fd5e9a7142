import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { createRunnerExecutor } from '../../src/agent/runner-executor';
import type { ServerMessage } from '../../src/agent/protocol';
import { runGuard } from '../../src/agent/health';
import { connect, exchange, registryFrom, startAgent, ticket, type Harness } from '../agent/harness';

const NS = 'agent-it';
const NOTEBOOK = `---
namespace: ${NS}
---

\`\`\`bash run id=ai-ns
kubectl create namespace ${NS} --dry-run=client -o yaml | kubectl apply -f -
\`\`\`

\`\`\`bash run id=ai-stream
for i in 1 2 3; do echo "줄 $i"; done
printf '\\033[32m초록\\033[0m\\n'
\`\`\`

\`\`\`yaml id=ai-objects
apiVersion: v1
kind: ConfigMap
metadata:
  name: ai-one
  namespace: ${NS}
data:
  a: "1"
---
apiVersion: v1
kind: Secret
metadata:
  name: ai-two
  namespace: ${NS}
stringData:
  b: "2"
\`\`\`

\`\`\`bash verify id=ai-verify ok="ConfigMap이 있습니다" fail="ConfigMap이 없습니다"
kubectl -n ${NS} get configmap ai-one
\`\`\`

\`\`\`yaml verify id=ai-typed timeout=2 ok="ai-one에 a=1이 있습니다" fail="ai-one이 기대와 다릅니다"
- field: configmap/ai-one
  namespace: ${NS}
  path: data.a
  equals: "1"
\`\`\`

\`\`\`bash run tty id=ai-tty
test -t 1 && echo "터미널입니다"
\`\`\`

\`\`\`bash background id=ai-watch
kubectl -n ${NS} get configmaps --watch
\`\`\`

\`\`\`bash cleanup id=ai-cleanup
kubectl delete namespace ${NS} --ignore-not-found --wait=false
\`\`\`
`;

const cells = new Map(parseCellsFromMarkdown(NOTEBOOK, 'notebooks/test/agent-it.md').cells.map((c) => [c.id, c]));
const hashOf = (id: string): string => cells.get(id)!.hash;
const isDone = (requestId: string) => (r: ServerMessage[]) => r.some((m) => (m.type === 'done' || m.type === 'error') && m.requestId === requestId);

describe('agent against a real API server', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startAgent(createRunnerExecutor({ courseRoot: process.cwd(), workRoot: mkdtempSync(path.join(tmpdir(), 'agent-it-')) }), { allowEdited: true, guard: () => runGuard(undefined) }, registryFrom(NOTEBOOK));
  });
  afterAll(async () => {
    execFileSync('kubectl', ['delete', 'namespace', NS, '--ignore-not-found', '--wait=false']);
    await h.close();
  });

  const run = async (requestId: string, id: string, extra: Record<string, unknown> = {}) => {
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId, id, hash: hashOf(id), ...extra }], isDone(requestId), 60_000);
    ws.close();
    return { replies, done: replies.find((m) => m.type === 'done') as Extract<ServerMessage, { type: 'done' }> | undefined };
  };

  it('streams a shell cell\'s output, colours included', async () => {
    expect((await run('ns', 'ai-ns')).done?.outcome.status).toBe('passed');
    const { replies, done } = await run('stream', 'ai-stream');
    const output = replies.filter((m) => m.type === 'output').map((m) => (m as { data: string }).data).join('');
    expect(output).toContain('줄 1\n줄 2\n줄 3\n');
    expect(output).toContain('\u001b[32m초록');
    expect(done?.outcome).toMatchObject({ status: 'passed', exitCode: 0 });
  });

  it('dry-runs, applies, diffs and deletes a manifest cell, per object', async () => {
    const dry = await run('dry', 'ai-objects', { action: 'dry-run' });
    expect(dry.done?.outcome.objects?.map((o) => o.status)).toEqual(['valid', 'valid']);
    const apply = await run('apply', 'ai-objects', { action: 'apply' });
    expect(apply.done?.outcome.status).toBe('passed');
    expect(apply.done?.outcome.objects?.map((o) => `${o.kind}/${o.name}:${o.status}`)).toEqual(['ConfigMap/ai-one:created', 'Secret/ai-two:created']);
    const edited = cells.get('ai-objects')!.source.replace('a: "1"', 'a: "changed"');
    const diff = await run('diff', 'ai-objects', { action: 'diff', source: edited });
    expect(diff.done?.outcome.objects?.[0]?.diff).toContain('changed');
    const del = await run('delete', 'ai-objects', { action: 'delete' });
    expect(del.done?.outcome.objects?.map((o) => o.status)).toEqual(['deleted', 'deleted']);
  });

  it('passes and fails a verify cell with its Korean messages', async () => {
    const missing = await run('v1', 'ai-verify');
    expect(missing.done?.outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('ConfigMap이 없습니다') });
    await run('apply2', 'ai-objects', { action: 'apply' });
    const present = await run('v2', 'ai-verify');
    expect(present.done?.outcome).toMatchObject({ status: 'passed', message: expect.stringContaining('ConfigMap이 있습니다') });
  });

  it('runs a typed check (yaml verify) through src/kube, with expected vs actual when it fails', async () => {
    await run('del-typed', 'ai-objects', { action: 'delete' });
    const missing = await run('t1', 'ai-typed');
    expect(missing.done?.outcome).toMatchObject({ status: 'failed', message: `ai-one이 기대와 다릅니다: ConfigMap ${NS}/ai-one가 없습니다. 이 객체를 만드는 셀을 실행했는지, 이름과 네임스페이스가 맞는지 확인하세요.` });
    await run('apply-typed', 'ai-objects', { action: 'apply' });
    const present = await run('t2', 'ai-typed');
    expect(present.done?.outcome).toMatchObject({ status: 'passed', message: 'ai-one에 a=1이 있습니다' });
  });

  it('runs a tty cell in a pseudo-terminal', async () => {
    const { replies, done } = await run('tty', 'ai-tty');
    expect(done?.outcome.status).toBe('passed');
    expect(replies.filter((m) => m.type === 'output').map((m) => (m as { data: string }).data).join('')).toBe('터미널입니다\n');
  });

  it('stops a background cell on request', async () => {
    const ws = await connect(h, await ticket(h));
    await exchange(ws, [{ type: 'run', requestId: 'bg', id: 'ai-watch', hash: hashOf('ai-watch') }], (r) => r.some((m) => m.type === 'output'), 30_000);
    const replies = await exchange(ws, [{ type: 'cancel', requestId: 'bg' }], isDone('bg'), 5_000);
    ws.close();
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { status: 'cancelled' } });
  });

  it('rejects an edited manifest that is a YAML alias bomb without expanding it', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const started = Date.now();
    const { done } = await run('bomb', 'ai-objects', { action: 'dry-run', source: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${bomb}\n` });
    expect(done?.outcome.status).toBe('error');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../core';
import type { InventoryItem } from '../kube/inventory';
import { LeakCheck } from './leak-check';
import { findLeaks } from './leaks';
import type { NotebookReport } from './types';

let uid = 0;
const item = (kind: string, name: string, over: Partial<InventoryItem> = {}): InventoryItem => ({
  group: '',
  kind,
  resource: `${kind.toLowerCase()}s`,
  name,
  uid: `u${(uid += 1)}`,
  owned: false,
  deleting: false,
  labels: {},
  ...over,
});

describe('findLeaks', () => {
  const base = [item('Namespace', 'default'), item('ConfigMap', 'kube-root-ca.crt', { namespace: 'default' })];

  it('reports new cluster-scoped objects and objects in other namespaces, not the notebook namespace', () => {
    const after = [
      ...base,
      item('Namespace', 'd2-lab'),
      item('Pod', 'web', { namespace: 'd2-lab' }),
      item('ClusterRole', 'reader', { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }),
      item('ConfigMap', 'stray', { namespace: 'default' }),
    ];
    expect(findLeaks(base, after, ['d2-lab'])).toEqual(['ClusterRole.rbac.authorization.k8s.io reader', 'ConfigMap default/stray']);
  });

  it('ignores churn, owned objects and automanaged APIServices; an object that was there before is no leak', () => {
    const after = [
      ...base,
      item('Event', 'x.123', { namespace: 'default', resource: 'events' }),
      item('Lease', 'kube-scheduler', { namespace: 'kube-system', group: 'coordination.k8s.io', resource: 'leases' }),
      item('Endpoints', 'web', { namespace: 'default', resource: 'endpoints' }),
      item('Pod', 'ds-pod', { namespace: 'kube-system', owned: true }),
      item('APIService', 'v1.example.com', { group: 'apiregistration.k8s.io', resource: 'apiservices', labels: { 'kube-aggregator.kubernetes.io/automanaged': 'true' } }),
    ];
    expect(findLeaks(base, after, [])).toEqual([]);
  });

  it('folds a leaked namespace and its contents into one line', () => {
    const after = [...base, item('Namespace', 'fp-dev', { deleting: true }), item('Deployment', 'web', { namespace: 'fp-dev', group: 'apps' }), item('ConfigMap', 'kube-root-ca.crt', { namespace: 'fp-dev' })];
    expect(findLeaks(base, after, [])).toEqual(['Namespace fp-dev (안의 객체 2개 포함) (지우는 중이었지만 끝나지 않았습니다)']);
  });
});

describe('LeakCheck', () => {
  const report = (namespace: string): NotebookReport =>
    ({ namespace, steps: [], scenarios: [], problems: [], errors: [], interrupted: false, counts: { ran: 0, passed: 0, failed: 0, skipped: 0, notRun: 0 }, outputChecks: [], mutants: [], leaks: [], failed: false }) as unknown as NotebookReport;
  const nb = (file: string, keeps: boolean) => parseCellsFromMarkdown(`---\n${keeps ? 'keeps-state: true\n' : ''}---\n\n# x\n`, file);

  it('spans a keeps-state chain and fails the notebook that ends it when something is left', async () => {
    let world = [item('Namespace', 'default')];
    const notices: string[] = [];
    const check = new LeakCheck(async () => world, (m) => notices.push(m), 0);
    await check.start();
    const first = report('fp');
    world = [...world, item('Namespace', 'fp-dev'), item('ClusterRole', 'fp-reader', { group: 'rbac.authorization.k8s.io' })];
    await check.finish(nb('notebooks/final-project/reference-solution.md', true), first);
    expect(first.leaks).toEqual([]);
    await check.start(); // chain open: no new baseline
    const last = report('fp-teardown');
    world = world.filter((i) => i.name !== 'fp-dev');
    await check.finish(nb('notebooks/final-project/teardown.md', false), last);
    expect(last.leaks).toEqual(['ClusterRole.rbac.authorization.k8s.io fp-reader (notebooks/final-project/reference-solution.md → notebooks/final-project/teardown.md 전체)']);
    expect(last.failed).toBe(true);
    expect(notices[0]).toContain('keeps-state');
  });

  it('waits for objects the cleanup is still deleting', async () => {
    const base = [item('Namespace', 'default')];
    const going = item('Namespace', 'd4-lab-dev', { deleting: true });
    let calls = 0;
    const check = new LeakCheck(async () => (calls++ < 2 ? [...base.slice(0, calls === 1 ? 1 : 1), ...(calls === 1 ? [] : [going])] : base), () => {}, 1, 5000);
    await check.start();
    const r = report('d4-lab');
    await check.finish(nb('notebooks/day4/lab.md', false), r);
    expect(r.leaks).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('also waits for what goes with a namespace still being deleted (the PersistentVolume of its claim)', async () => {
    const base = [item('Namespace', 'default')];
    const going = [item('Namespace', 'fp-prod', { deleting: true }), item('PersistentVolume', 'pvc-1', { resource: 'persistentvolumes' })];
    let calls = 0;
    const check = new LeakCheck(async () => (calls++ === 0 || calls > 3 ? base : [...base, ...going]), () => {}, 1, 5000);
    await check.start();
    const r = report('fp-teardown');
    await check.finish(nb('notebooks/final-project/teardown.md', false), r);
    expect(r.leaks).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(4);
  });

  it('passes a notebook that leaves nothing', async () => {
    const world = [item('Namespace', 'default')];
    const check = new LeakCheck(async () => world, () => {}, 0);
    await check.start();
    const r = report('d1-lab');
    await check.finish(nb('notebooks/day1/lab.md', false), r);
    expect(r).toMatchObject({ leaks: [], failed: false });
  });
});

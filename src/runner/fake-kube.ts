import type { KubeObject, KubeTarget, ObjectResult, ObjectStatus } from '../kube/types';
import type { KubeOperations } from './manifest';

/** A stand-in for src/kube in unit tests: records calls, answers with a fixed status or a function. */
export interface FakeKube extends KubeOperations {
  calls: Array<{ op: 'apply' | 'delete' | 'diff'; objects: KubeObject[]; options: Record<string, unknown> }>;
}

export type Answer = ObjectStatus | ((object: KubeObject, op: 'apply' | 'delete' | 'diff', options: Record<string, unknown>) => Partial<ObjectResult>);

export function fakeKube(answer: Answer = 'created', delayMs = 0): FakeKube {
  const calls: FakeKube['calls'] = [];
  const respond =
    (op: 'apply' | 'delete' | 'diff') =>
    async (_target: KubeTarget, objects: readonly KubeObject[], options: object): Promise<ObjectResult[]> => {
      calls.push({ op, objects: [...objects], options: { ...options } });
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return objects.map((object) => {
        const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
        const extra = typeof answer === 'function' ? answer(object, op, options as Record<string, unknown>) : { status: answer };
        return {
          apiVersion: String(object.apiVersion),
          kind: String(object.kind),
          name: metadata.name ?? '',
          namespace: metadata.namespace ?? (options as { defaultNamespace?: string }).defaultNamespace,
          status: 'created',
          message: '',
          warnings: [],
          ...extra,
        } as ObjectResult;
      });
    };
  return { calls, applyObjects: respond('apply'), deleteObjects: respond('delete'), diffObjects: respond('diff') };
}

export const fakeTarget = { context: 'kind-test', server: 'https://127.0.0.1:1', namespace: 'default', user: 'u' } as unknown as KubeTarget;

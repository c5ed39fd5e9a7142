/**
 * Evaluates typed checks (src/core/checks.ts) against the cluster: reads objects, EndpointSlices,
 * events and SubjectAccessReviews through kubeRequest. Each result says, in Korean, what was expected,
 * what is there, and the related objects a learner should look at next.
 */
import { fieldPathParts, type ObjectRef, type TypedCheck } from '../core';
import { resolveResource, resourcePath } from './discovery';
import { subjectAccessReview } from './access-review';
import { kubeRequest } from './http';
import type { KubeTarget } from './types';

export interface CheckResult {
  check: TypedCheck;
  ok: boolean;
  /** One Korean sentence: expected vs actual. */
  message: string;
  /** Related objects and their state, one line each (shown under the message). */
  related: string[];
}

type Json = Record<string, unknown>;

const refText = (ref: ObjectRef, namespace: string): string => `${ref.kind} ${ref.namespace ?? namespace}/${ref.name}`;

async function pathOf(target: KubeTarget, apiVersion: string, kind: string, namespace: string, name?: string): Promise<string> {
  const resolved = await resolveResource(target, apiVersion, kind);
  if (!resolved.found) throw new Error(`클러스터가 ${apiVersion} ${kind}를 제공하지 않습니다. CRD나 애드온이 설치되었는지 확인하세요.`);
  return resourcePath(resolved.info, namespace, name);
}

async function getObject(target: KubeTarget, ref: ObjectRef, namespace: string): Promise<Json | undefined> {
  const response = await kubeRequest(target, { method: 'GET', path: await pathOf(target, ref.apiVersion, ref.kind, ref.namespace ?? namespace, ref.name) });
  if (response.status === 404) return undefined;
  if (response.status >= 300) throw new Error(`${refText(ref, namespace)}를 읽지 못했습니다 (HTTP ${response.status}).`);
  return response.body as Json;
}

async function list(target: KubeTarget, apiVersion: string, kind: string, namespace: string, query: Record<string, string | undefined>): Promise<Json[]> {
  const response = await kubeRequest(target, { method: 'GET', path: await pathOf(target, apiVersion, kind, namespace), query });
  if (response.status >= 300) throw new Error(`${kind} 목록을 읽지 못했습니다 (HTTP ${response.status}).`);
  return ((response.body as { items?: Json[] }).items ?? []) as Json[];
}

const notFound = (check: TypedCheck, ref: ObjectRef, namespace: string): CheckResult => ({
  check,
  ok: false,
  message: `${refText(ref, namespace)}가 없습니다. 이 객체를 만드는 셀을 실행했는지, 이름과 네임스페이스가 맞는지 확인하세요.`,
  related: [],
});

const selectorText = (selector: Record<string, string>): string => Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');

async function endpoints(target: KubeTarget, check: Extract<TypedCheck, { type: 'endpoints' }>, namespace: string): Promise<CheckResult> {
  const ns = check.service.namespace ?? namespace;
  const service = await getObject(target, check.service, namespace);
  if (!service) return notFound(check, check.service, namespace);
  const slices = await list(target, 'discovery.k8s.io/v1', 'EndpointSlice', ns, { labelSelector: `kubernetes.io/service-name=${check.service.name}` });
  const all = slices.flatMap((s) => ((s.endpoints as Json[] | undefined) ?? []));
  const ready = all.filter((e) => (e.conditions as { ready?: boolean } | undefined)?.ready === true).length;
  if (ready === check.ready) return { check, ok: true, message: `Service ${check.service.name}의 준비된 엔드포인트가 ${ready}개입니다.`, related: [] };
  const selector = ((service.spec as Json | undefined)?.selector ?? {}) as Record<string, string>;
  const related: string[] = [];
  let message: string;
  if (Object.keys(selector).length === 0) {
    message = `Service ${check.service.name}에 셀렉터가 없어 엔드포인트를 자동으로 만들지 않습니다 (기대 ${check.ready}개, 실제 ${ready}개).`;
  } else {
    const pods = await list(target, 'v1', 'Pod', ns, { labelSelector: selectorText(selector) });
    const readyPods = pods.filter((p) => ((p.status as Json | undefined)?.conditions as Json[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True'));
    message =
      pods.length === 0
        ? `Service ${check.service.name} 셀렉터 ${selectorText(selector)} 에 맞는 파드가 0개입니다 (준비된 엔드포인트 기대 ${check.ready}개, 실제 ${ready}개). 셀렉터와 파드 레이블의 철자를 비교하세요.`
        : `Service ${check.service.name}의 준비된 엔드포인트가 기대 ${check.ready}개, 실제 ${ready}개입니다 (셀렉터 ${selectorText(selector)} 에 맞는 파드 ${pods.length}개 중 Ready ${readyPods.length}개).`;
    for (const pod of pods.slice(0, 5)) {
      const meta = pod.metadata as Json;
      const phase = (pod.status as Json | undefined)?.phase ?? '?';
      related.push(`Pod ${ns}/${String(meta.name)}: ${String(phase)}${readyPods.includes(pod) ? ', Ready' : ', Ready 아님'}`);
    }
    if (pods.length === 0) {
      const others = await list(target, 'v1', 'Pod', ns, {});
      const labels = [...new Set(others.map((p) => selectorText(((p.metadata as Json).labels ?? {}) as Record<string, string>)).filter(Boolean))].slice(0, 5);
      if (labels.length) related.push(`이 네임스페이스 파드의 레이블: ${labels.join(' | ')}`);
    }
  }
  const ports = ((service.spec as Json | undefined)?.ports as Json[] | undefined) ?? [];
  if (ports.length) related.push(`Service ${check.service.name} 포트: ${ports.map((p) => `${String(p.port)}→${String(p.targetPort ?? p.port)}`).join(', ')}`);
  return { check, ok: false, message, related };
}

function valueAt(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const part of fieldPathParts(path)) {
    if (current === null || current === undefined) return undefined;
    current = typeof part === 'number' ? (Array.isArray(current) ? current[part] : undefined) : (current as Json)[part];
  }
  return current;
}

const show = (value: unknown): string => (value === undefined ? '(없음)' : typeof value === 'string' ? value : JSON.stringify(value));

async function field(target: KubeTarget, check: Extract<TypedCheck, { type: 'field' }>, namespace: string): Promise<CheckResult> {
  const object = await getObject(target, check.object, namespace);
  if (!object) return notFound(check, check.object, namespace);
  const value = valueAt(object, check.path);
  const where = `${refText(check.object, namespace)}의 ${check.path}`;
  if (check.exists !== undefined && (value !== undefined) !== check.exists) {
    return { check, ok: false, message: check.exists ? `${where}가 없습니다.` : `${where}가 없어야 하는데 ${show(value)}입니다.`, related: [] };
  }
  if (check.equals !== undefined && show(value) !== check.equals) {
    return { check, ok: false, message: `${where}: 기대 ${check.equals}, 실제 ${show(value)}입니다.`, related: [] };
  }
  return { check, ok: true, message: `${where}: ${show(value)}`, related: [] };
}

async function condition(target: KubeTarget, check: Extract<TypedCheck, { type: 'condition' }>, namespace: string): Promise<CheckResult> {
  const object = await getObject(target, check.object, namespace);
  if (!object) return notFound(check, check.object, namespace);
  const conditions = (((object.status as Json | undefined)?.conditions as Json[] | undefined) ?? []);
  const found = conditions.find((c) => c.type === check.condition);
  const where = refText(check.object, namespace);
  if (found?.status === check.status) return { check, ok: true, message: `${where}: ${check.condition}=${check.status}`, related: [] };
  const related = conditions.map((c) => `조건 ${String(c.type)}=${String(c.status)}${c.reason ? ` (${String(c.reason)}${c.message ? `: ${String(c.message)}` : ''})` : ''}`);
  return {
    check,
    ok: false,
    message: found
      ? `${where}의 조건 ${check.condition}: 기대 ${check.status}, 실제 ${String(found.status)}${found.reason ? ` (${String(found.reason)})` : ''}입니다.`
      : `${where}에 ${check.condition} 조건이 아직 없습니다 (기대 ${check.status}).`,
    related,
  };
}

async function event(target: KubeTarget, check: Extract<TypedCheck, { type: 'event' }>, namespace: string): Promise<CheckResult> {
  const ns = check.object.namespace ?? namespace;
  const events = await list(target, 'v1', 'Event', ns, { fieldSelector: `involvedObject.kind=${check.object.kind},involvedObject.name=${check.object.name}` });
  const where = refText(check.object, namespace);
  if (events.some((e) => e.reason === check.reason)) return { check, ok: true, message: `${where}에 ${check.reason} 이벤트가 있습니다.`, related: [] };
  const reasons = [...new Set(events.map((e) => String(e.reason)))];
  return {
    check,
    ok: false,
    message: `${where}에 ${check.reason} 이벤트가 없습니다${reasons.length ? ` (있는 이벤트: ${reasons.join(', ')})` : ' (이 객체의 이벤트가 하나도 없습니다)'}.`,
    related: events.slice(-5).map((e) => `${String(e.type)} ${String(e.reason)}: ${String(e.message ?? '')}`),
  };
}

/** SubjectAccessReview as `kubectl auth can-i --as`: a service account also carries its groups. */
async function canI(target: KubeTarget, check: Extract<TypedCheck, { type: 'can-i' }>): Promise<CheckResult> {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(check.as);
  const groups = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`, 'system:authenticated'] : ['system:authenticated'];
  const review = await subjectAccessReview(target, {
    user: check.as,
    groups,
    resourceAttributes: { verb: check.verb, resource: check.resource, group: check.group, subresource: check.subresource, name: check.name, namespace: check.namespace },
  });
  if ('error' in review) throw new Error(`권한 확인(SubjectAccessReview)을 하지 못했습니다 (${review.error}).`);
  const { allowed, reason } = review;
  const what = `${check.as}의 ${check.verb} ${check.resource}${check.group ? `.${check.group}` : ''}${check.namespace ? ` (네임스페이스 ${check.namespace})` : ' (모든 네임스페이스)'}`;
  if (allowed === check.expect) return { check, ok: true, message: `${what}: ${allowed ? '허용' : '거부'}`, related: [] };
  return {
    check,
    ok: false,
    message: `${what}: 기대 ${check.expect ? '허용' : '거부'}, 실제 ${allowed ? '허용' : '거부'}입니다.`,
    related: reason ? [`인가 판단: ${reason}`] : [],
  };
}

/** One check; throws only when the cluster cannot be asked (the caller reports it as an error). */
export async function evaluateCheck(target: KubeTarget, check: TypedCheck, namespace: string): Promise<CheckResult> {
  switch (check.type) {
    case 'endpoints':
      return endpoints(target, check, namespace);
    case 'field':
      return field(target, check, namespace);
    case 'condition':
      return condition(target, check, namespace);
    case 'event':
      return event(target, check, namespace);
    case 'can-i':
      return canI(target, check);
  }
}

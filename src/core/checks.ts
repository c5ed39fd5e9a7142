/**
 * Typed checks: a verify cell written as assertions over live objects instead of bash
 * (```yaml verify id=... ok="..." fail="...```). Parsed here, the one cell parser; evaluated through
 * src/kube (src/kube/typed-checks.ts) and run by src/runner for both the agent and the notebook runner.
 *
 *   - endpoints: service/web      # ready endpoints of the Service's EndpointSlices
 *     ready: 3
 *   - condition: deployment/web   # status.conditions[type=Available].status
 *     type: Available
 *   - field: service/web          # a field's value (dotted path, [N] for list items)
 *     path: spec.type
 *     equals: ClusterIP
 *   - event: deployment/web       # an event about the object with this reason
 *     reason: ScalingReplicaSet
 *   - can-i: list pods            # SubjectAccessReview, like kubectl auth can-i
 *     as: system:serviceaccount:d4-challenge:pod-reporter
 *     namespace: d4-challenge
 *     expect: yes
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** `deployment/web` in kubectl's spelling; the namespace is the item's `namespace:` or the cell's. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

interface CheckBase {
  /** Markdown line of the item (for failures and author errors). */
  line: number;
}

export type TypedCheck =
  | (CheckBase & { type: 'endpoints'; service: ObjectRef; ready: number })
  | (CheckBase & { type: 'condition'; object: ObjectRef; condition: string; status: string })
  | (CheckBase & { type: 'field'; object: ObjectRef; path: string; equals?: string; exists?: boolean })
  | (CheckBase & { type: 'event'; object: ObjectRef; reason: string })
  | (CheckBase & { type: 'can-i'; verb: string; resource: string; group: string; subresource?: string; name?: string; as: string; namespace?: string; expect: boolean });

export interface CheckProblem {
  line: number;
  message: string;
}

/** kubectl's names and short names of the kinds the course checks (lower case) → apiVersion and Kind. */
const KINDS: Record<string, [apiVersion: string, kind: string]> = {
  pod: ['v1', 'Pod'],
  po: ['v1', 'Pod'],
  service: ['v1', 'Service'],
  svc: ['v1', 'Service'],
  configmap: ['v1', 'ConfigMap'],
  cm: ['v1', 'ConfigMap'],
  secret: ['v1', 'Secret'],
  namespace: ['v1', 'Namespace'],
  ns: ['v1', 'Namespace'],
  node: ['v1', 'Node'],
  no: ['v1', 'Node'],
  serviceaccount: ['v1', 'ServiceAccount'],
  sa: ['v1', 'ServiceAccount'],
  persistentvolumeclaim: ['v1', 'PersistentVolumeClaim'],
  pvc: ['v1', 'PersistentVolumeClaim'],
  persistentvolume: ['v1', 'PersistentVolume'],
  pv: ['v1', 'PersistentVolume'],
  deployment: ['apps/v1', 'Deployment'],
  deploy: ['apps/v1', 'Deployment'],
  replicaset: ['apps/v1', 'ReplicaSet'],
  rs: ['apps/v1', 'ReplicaSet'],
  statefulset: ['apps/v1', 'StatefulSet'],
  sts: ['apps/v1', 'StatefulSet'],
  daemonset: ['apps/v1', 'DaemonSet'],
  ds: ['apps/v1', 'DaemonSet'],
  job: ['batch/v1', 'Job'],
  cronjob: ['batch/v1', 'CronJob'],
  cj: ['batch/v1', 'CronJob'],
  ingress: ['networking.k8s.io/v1', 'Ingress'],
  ing: ['networking.k8s.io/v1', 'Ingress'],
  networkpolicy: ['networking.k8s.io/v1', 'NetworkPolicy'],
  netpol: ['networking.k8s.io/v1', 'NetworkPolicy'],
  horizontalpodautoscaler: ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  hpa: ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  poddisruptionbudget: ['policy/v1', 'PodDisruptionBudget'],
  pdb: ['policy/v1', 'PodDisruptionBudget'],
  storageclass: ['storage.k8s.io/v1', 'StorageClass'],
  sc: ['storage.k8s.io/v1', 'StorageClass'],
  role: ['rbac.authorization.k8s.io/v1', 'Role'],
  rolebinding: ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  clusterrole: ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  clusterrolebinding: ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  httproute: ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
  gateway: ['gateway.networking.k8s.io/v1', 'Gateway'],
};

const CHECK_KEYS: Record<TypedCheck['type'], string[]> = {
  endpoints: ['endpoints', 'ready', 'namespace'],
  condition: ['condition', 'type', 'status', 'namespace'],
  field: ['field', 'path', 'equals', 'exists', 'namespace'],
  event: ['event', 'reason', 'namespace'],
  'can-i': ['can-i', 'as', 'namespace', 'expect'],
};
const TYPES = Object.keys(CHECK_KEYS) as TypedCheck['type'][];

const KIND_NAMES = [...new Set(Object.values(KINDS).map(([, kind]) => kind.toLowerCase()))].join(', ');

function objectRef(text: string, namespace: string | undefined, line: number, problems: CheckProblem[]): ObjectRef | undefined {
  const match = /^([a-z.]+)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(text);
  const known = match ? KINDS[match[1]!.split('.')[0]!] : undefined;
  if (!match || !known) {
    problems.push({
      line,
      message: `"${text}"는 확인할 객체가 아닙니다. kubectl처럼 종류/이름으로 쓰세요 (예: deployment/web, service/web). 쓸 수 있는 종류: ${KIND_NAMES}.`,
    });
    return undefined;
  }
  return { apiVersion: known[0], kind: known[1], name: match[2]!, namespace };
}

const scalarText = (node: unknown): string | undefined => {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  return String(node.value);
};

/** `list pods`, `get secrets`, `create deployments.apps`, `get pods/log`, `delete pods web`. */
function canI(text: string, line: number, problems: CheckProblem[]): Pick<Extract<TypedCheck, { type: 'can-i' }>, 'verb' | 'resource' | 'group' | 'subresource' | 'name'> | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 3 || !/^([a-z]+|\*)$/.test(parts[0]!)) {
    problems.push({ line, message: `can-i에는 "동사 리소스"를 kubectl auth can-i처럼 쓰세요 (예: can-i: list pods, can-i: create deployments.apps). 지금 값: "${text}"` });
    return undefined;
  }
  const [resourcePart, subresource] = parts[1]!.split('/');
  const dot = resourcePart!.indexOf('.');
  return {
    verb: parts[0]!,
    resource: dot < 0 ? resourcePart! : resourcePart!.slice(0, dot),
    group: dot < 0 ? '' : resourcePart!.slice(dot + 1),
    subresource,
    name: parts[2],
  };
}

/**
 * Parses the body of a ```yaml verify cell. `firstLine` is the Markdown line of the body's first line;
 * every problem has the line of the item (or key) it is about, in Korean, with how to write it.
 */
export function parseTypedChecks(source: string, firstLine: number, cellNamespace: string | undefined): { checks: TypedCheck[]; problems: CheckProblem[] } {
  const problems: CheckProblem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number => firstLine - 1 + (node?.range ? counter.linePos(node.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    return { checks: [], problems: [{ line: firstLine - 1 + (error.linePos?.[0]?.line ?? 1), message: `확인(verify) YAML을 읽을 수 없습니다: ${error.message.split('\n')[0]}` }] };
  }
  if (!isSeq(doc.contents) || doc.contents.items.length === 0) {
    return { checks: [], problems: [{ line: firstLine, message: `yaml verify 셀은 확인 항목의 목록입니다 ("- endpoints: service/web" 처럼 "-"로 시작). 쓸 수 있는 항목: ${TYPES.join(', ')}.` }] };
  }
  const checks: TypedCheck[] = [];
  for (const item of doc.contents.items) {
    const line = lineOf(item as Node);
    if (!isMap(item)) {
      problems.push({ line, message: `확인 항목은 "키: 값"의 묶음이어야 합니다. 쓸 수 있는 항목: ${TYPES.join(', ')}.` });
      continue;
    }
    const values = new Map<string, { text?: string; line: number }>();
    for (const pair of item.items) {
      const key = scalarText(pair.key);
      if (key) values.set(key, { text: scalarText(pair.value), line: lineOf(pair.key as Node) });
    }
    const types = TYPES.filter((t) => values.has(t));
    if (types.length !== 1) {
      problems.push({ line, message: types.length === 0 ? `확인 항목의 종류가 없습니다. ${TYPES.join(', ')} 중 하나를 첫 키로 쓰세요.` : `한 항목에는 종류를 하나만 쓰세요 (${types.join(', ')}). 항목을 나누세요.` });
      continue;
    }
    const type = types[0]!;
    for (const [key, value] of values) {
      if (!CHECK_KEYS[type].includes(key)) problems.push({ line: value.line, message: `${type} 확인에는 "${key}" 키를 쓸 수 없습니다. 쓸 수 있는 키: ${CHECK_KEYS[type].join(', ')}.` });
    }
    const text = (key: string): string | undefined => values.get(key)?.text;
    const required = (key: string, example: string): string | undefined => {
      const value = text(key);
      if (value === undefined || value === '') problems.push({ line, message: `${type} 확인에는 ${key} 키가 필요합니다 (예: ${example}).` });
      return value || undefined;
    };
    const namespace = text('namespace') ?? cellNamespace;
    const target = text(type);
    if (target === undefined) {
      problems.push({ line, message: `${type}의 값이 비어 있습니다.` });
      continue;
    }
    if (type === 'can-i') {
      const parsed = canI(target, line, problems);
      const as = required('as', 'as: system:serviceaccount:d4-challenge:pod-reporter');
      const expect = text('expect') ?? 'yes';
      if (expect !== 'yes' && expect !== 'no') problems.push({ line: values.get('expect')!.line, message: `can-i의 expect는 yes 또는 no입니다 (지금 값: ${expect}).` });
      if (parsed && as) checks.push({ type, line, ...parsed, as, namespace: text('namespace'), expect: expect !== 'no' });
      continue;
    }
    const object = objectRef(target, namespace, line, problems);
    if (!object) continue;
    if (type === 'endpoints') {
      if (object.kind !== 'Service') {
        problems.push({ line, message: `endpoints는 Service의 엔드포인트를 셉니다: endpoints: service/${object.name}처럼 쓰세요.` });
        continue;
      }
      const ready = Number(required('ready', 'ready: 3'));
      if (!Number.isInteger(ready) || ready < 0) {
        if (text('ready') !== undefined) problems.push({ line: values.get('ready')!.line, message: `ready는 0 이상의 정수입니다 (지금 값: ${text('ready')}).` });
        continue;
      }
      checks.push({ type, line, service: object, ready });
    } else if (type === 'condition') {
      const condition = required('type', 'type: Available');
      if (condition) checks.push({ type, line, object, condition, status: text('status') ?? 'True' });
    } else if (type === 'field') {
      const path = required('path', 'path: spec.type');
      const equals = text('equals');
      const exists = text('exists');
      if (equals === undefined && exists === undefined) problems.push({ line, message: 'field 확인에는 equals: 값 또는 exists: true/false가 필요합니다.' });
      if (exists !== undefined && exists !== 'true' && exists !== 'false') problems.push({ line: values.get('exists')!.line, message: `exists는 true 또는 false입니다 (지금 값: ${exists}).` });
      if (path) checks.push({ type, line, object, path: path.replace(/^\./, ''), equals, exists: exists === undefined ? undefined : exists === 'true' });
    } else {
      const reason = required('reason', 'reason: ScalingReplicaSet');
      if (reason) checks.push({ type, line, object, reason });
    }
  }
  return { checks, problems };
}

/** `spec.ports[0].targetPort` → ['spec', 'ports', 0, 'targetPort']. */
export function fieldPathParts(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const piece of path.split('.')) {
    const match = /^([^[\]]*)((\[\d+\])*)$/.exec(piece);
    if (!match) {
      parts.push(piece);
      continue;
    }
    if (match[1]) parts.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

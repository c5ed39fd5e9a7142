/** Small, pure readings of Kubernetes objects the checks share. */
import type { V1LabelSelector, V1Node, V1PodSpec, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { Meta } from './snapshot';

export const nameOf = (o: Meta): string => o.metadata?.name ?? '';
export const namespaceOf = (o: Meta): string => o.metadata?.namespace ?? '';
export const labelsOf = (o: Meta): Record<string, string> => o.metadata?.labels ?? {};

export const inNamespace =
  (namespace: string) =>
  <T extends Meta>(o: T): boolean =>
    namespaceOf(o) === namespace;

/** A label selector as the API means it: every matchLabels pair and every expression must hold. */
export function selectorMatches(selector: V1LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const value = labels[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `{}` selects everything; a missing selector selects nothing. */
export const isEmptySelector = (selector: V1LabelSelector | undefined): boolean =>
  selector !== undefined && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;

/** A Service's plain map selector (empty selects nothing, as Services without selectors have no endpoints). */
export function mapSelects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

export const isNodeReady = (node: V1Node): boolean => (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
export const isControlPlane = (node: V1Node): boolean => CONTROL_PLANE_LABEL in labelsOf(node);

/** Ready nodes a pod without tolerations can land on (no NoSchedule/NoExecute taint). */
export const schedulableNodes = (nodes: readonly V1Node[]): V1Node[] =>
  nodes.filter((n) => isNodeReady(n) && !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));

export const templateLabels = (template: V1PodTemplateSpec | undefined): Record<string, string> => template?.metadata?.labels ?? {};

/** Names of the Secrets a pod spec reads, through env, envFrom, volumes and projected volumes. */
export function secretsUsedBy(spec: V1PodSpec | undefined): Set<string> {
  const names = new Set<string>();
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const env of container.env ?? []) if (env.valueFrom?.secretKeyRef?.name) names.add(env.valueFrom.secretKeyRef.name);
    for (const from of container.envFrom ?? []) if (from.secretRef?.name) names.add(from.secretRef.name);
  }
  for (const volume of spec?.volumes ?? []) {
    if (volume.secret?.secretName) names.add(volume.secret.secretName);
    for (const source of volume.projected?.sources ?? []) if (source.secret?.name) names.add(source.secret.name);
  }
  return names;
}

/** Go's time.Duration text (`168h0m0s`, `7h30m`) in seconds; undefined when unreadable. */
export function goDurationSeconds(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let seconds = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    seconds += Number(match[1]) * units[match[2]!]!;
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? seconds : undefined;
}

/** Whether a cron expression (5 fields or a descriptor, as Velero's parser reads it) fires once a day. */
export function isDailyCron(expression: string | undefined): boolean {
  const text = expression?.trim() ?? '';
  if (['@daily', '@midnight'].includes(text)) return true;
  const every = /^@every\s+(\S+)$/.exec(text);
  if (every) return goDurationSeconds(every[1]) === 86_400;
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return false;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  return /^\d{1,2}$/.test(minute!) && /^\d{1,2}$/.test(hour!) && dayOfMonth === '*' && month === '*' && (dayOfWeek === '*' || dayOfWeek === '?');
}

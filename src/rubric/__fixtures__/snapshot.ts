/**
 * A hand-built cluster snapshot shaped like the reference solution (every machine check at full
 * points), for unit tests to break one thing at a time. Objects carry only the fields the checks read.
 */
import type { V1Deployment, V1Node, V1Pod, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import { developerQuestions, operatorQuestions, peopleFor, serviceAccountQuestions, type AccessQuestion } from '../access';
import { emptySnapshot, type AccessAnswer, type ClusterSnapshot } from '../snapshot';

const PROD = 'fp-prod';
const ENVS = ['fp-dev', 'fp-staging', PROD];

const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({ name, namespace, labels, generation: 1 });

function node(name: string, labels: Record<string, string>, controlPlane = false): V1Node {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels, ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
    spec: controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

const app = (name: string) => ({ 'app.kubernetes.io/name': name });

function template(name: string, spec: Partial<NonNullable<V1PodTemplateSpec['spec']>> = {}): V1PodTemplateSpec {
  const probe = { exec: { command: ['true'] } };
  return {
    metadata: { labels: app(name) },
    spec: {
      serviceAccountName: name,
      automountServiceAccountToken: false,
      containers: [{ name, image: `${name}:1`, readinessProbe: probe, livenessProbe: probe }],
      ...spec,
    },
  };
}

function deployment(name: string, replicas: number, spec: Partial<NonNullable<V1PodTemplateSpec['spec']>> = {}): V1Deployment {
  return {
    metadata: meta(name, PROD, app(name)),
    spec: { replicas, selector: { matchLabels: app(name) }, template: template(name, spec) },
    status: { observedGeneration: 1, replicas, readyReplicas: replicas, updatedReplicas: replicas },
  };
}

function statefulSet(name: string, namespace: string, spec: Partial<NonNullable<V1PodTemplateSpec['spec']>>, mountPath: string): V1StatefulSet {
  const base = template(name, spec);
  base.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath }];
  return {
    metadata: meta(name, namespace, app(name)),
    spec: {
      serviceName: name,
      replicas: 1,
      selector: { matchLabels: app(name) },
      template: base,
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
    status: { observedGeneration: 1, replicas: 1, readyReplicas: 1 },
  };
}

const pod = (name: string, appName: string, nodeName: string, namespace = PROD): V1Pod => ({ metadata: meta(name, namespace, app(appName)), spec: { nodeName, containers: [] } });

function boundClaim(snapshot: ClusterSnapshot, namespace: string, claim: string, nodeName: string): void {
  const volume = `pvc-${claim}`;
  snapshot.pvcs.push({ metadata: meta(claim, namespace), spec: { volumeName: volume }, status: { phase: 'Bound' } });
  snapshot.pvs.push({
    metadata: { name: volume },
    spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [nodeName] }] }] } } },
  });
}

function service(snapshot: ClusterSnapshot, name: string, port: string, headless: boolean, ips: number): void {
  snapshot.services.push({ metadata: meta(name, PROD, app(name)), spec: { selector: app(name), clusterIP: headless ? 'None' : '10.96.0.10', ports: [{ name: port, port: 80 }] } });
  snapshot.endpointSlices.push({
    addressType: 'IPv4',
    metadata: meta(`${name}-abc`, PROD, { 'kubernetes.io/service-name': name }),
    endpoints: Array.from({ length: ips }, (_, i) => ({ addresses: [`10.244.0.${i + 1}`], conditions: { ready: true } })),
  });
}

/** Answers every question the way the reference's RBAC does. */
export function designedAnswers(snapshot: ClusterSnapshot, accounts: readonly string[]): AccessAnswer[] {
  const env = { dev: 'fp-dev', staging: 'fp-staging', prod: PROD };
  const people = peopleFor('fp');
  const asked: AccessQuestion[] = [...developerQuestions(env, people), ...operatorQuestions(env, people), ...serviceAccountQuestions(PROD, accounts)];
  return asked.map(({ expect, label: _label, ...q }) => ({ ...q, allowed: expect }));
}

export function referenceSnapshot(): ClusterSnapshot {
  const s = emptySnapshot();
  s.nodes = [
    node('cp', {}, true),
    node('w1', { 'node-type': 'cpu-optimized' }),
    node('w2', { disktype: 'ssd' }),
    node('w3', { disktype: 'hdd' }),
  ];
  const restricted: Record<string, string> = { 'pod-security.kubernetes.io/enforce': 'restricted' };
  s.namespaces = [...ENVS, 'fp-logging'].map((name) => ({ metadata: { name, labels: ENVS.includes(name) ? restricted : {} } }));

  s.deployments = [
    deployment('frontend', 3, {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: app('frontend') } }],
    }),
    deployment('backend', 2, {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'node-type', operator: 'In', values: ['cpu-optimized'] }] } }] } },
    }),
    deployment('redis', 1),
  ];
  const postgres = statefulSet(
    'postgresql',
    PROD,
    { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }] } } } },
    '/var/lib/postgresql/data',
  );
  postgres.spec!.template.spec!.containers[0]!.env = [
    { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgresql-credentials', key: 'password' } } },
  ];
  s.statefulSets = [postgres, statefulSet('rabbitmq', PROD, {}, '/var/lib/rabbitmq'), statefulSet('elasticsearch', 'fp-logging', {}, '/usr/share/elasticsearch/data')];
  s.daemonSets = [{ metadata: meta('fluent-bit', 'fp-logging', app('fluent-bit')), status: { desiredNumberScheduled: 4, numberReady: 4, currentNumberScheduled: 4, numberMisscheduled: 0 } }];

  s.pods = [
    pod('frontend-a', 'frontend', 'w1'),
    pod('frontend-b', 'frontend', 'w2'),
    pod('frontend-c', 'frontend', 'w3'),
    pod('backend-a', 'backend', 'w1'),
    pod('backend-b', 'backend', 'w1'),
    pod('redis-a', 'redis', 'w1'),
    pod('postgresql-0', 'postgresql', 'w2'),
    pod('rabbitmq-0', 'rabbitmq', 'w3'),
  ];
  service(s, 'frontend', 'http', false, 3);
  service(s, 'backend', 'http', false, 2);
  service(s, 'redis', 'redis', false, 1);
  service(s, 'postgresql', 'postgres', true, 1);
  service(s, 'rabbitmq', 'amqp', true, 1);
  boundClaim(s, PROD, 'data-postgresql-0', 'w2');
  boundClaim(s, PROD, 'data-rabbitmq-0', 'w3');
  boundClaim(s, 'fp-logging', 'data-elasticsearch-0', 'w1');

  s.hpas = (['frontend', 'backend'] as const).map((name) => ({
    metadata: meta(name, PROD),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: name === 'frontend' ? 3 : 2,
      maxReplicas: 9,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  }));
  s.pdbs = ['frontend', 'backend'].map((name) => ({ metadata: meta(name, PROD), spec: { maxUnavailable: 1, selector: { matchLabels: app(name) } } }));
  s.serviceAccounts = ['frontend', 'backend', 'redis', 'postgresql', 'rabbitmq'].map((name) => ({ metadata: meta(name, PROD), automountServiceAccountToken: false }));
  s.networkPolicies = ENVS.flatMap((ns) => [
    { metadata: meta('default-deny-all', ns), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
    { metadata: meta('allow-dns', ns), spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] } },
  ]);

  s.gateways = [
    {
      metadata: meta('platform', 'fp-gateway'),
      spec: {
        gatewayClassName: 'example',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          { name: 'https-prod', protocol: 'HTTPS', port: 443, hostname: 'prod.example.com', tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'fp-platform-tls' }] } },
        ],
      },
    },
  ];
  s.httpRoutes = [
    {
      metadata: meta('web', PROD),
      spec: {
        parentRefs: [{ name: 'platform', namespace: 'fp-gateway', sectionName: 'https-prod' }],
        rules: [{ backendRefs: [{ name: 'backend', port: 8080 }] }, { backendRefs: [{ name: 'frontend', port: 80 }] }],
      },
    },
  ];
  s.certificates = [{ metadata: meta('fp-platform-tls', 'fp-gateway'), spec: { secretName: 'fp-platform-tls', dnsNames: ['prod.example.com'] } }];
  s.externalSecrets = [{ metadata: meta('postgresql-credentials', PROD), spec: { target: { name: 'postgresql-credentials' } } }];
  s.serviceMonitors = [{ metadata: meta('backend', PROD, { release: 'kps' }), spec: { selector: { matchLabels: app('backend') }, endpoints: [{ port: 'http' }] } }];
  s.prometheusRules = [
    { metadata: meta('alerts', PROD), spec: { groups: [{ name: 'fp', rules: [{ alert: 'FpBackendDown', expr: 'up == 0', for: '2m', labels: { severity: 'critical' } }] }] } },
  ];
  s.schedules = [
    { metadata: meta('fp-prod-daily', 'fp-velero'), spec: { schedule: '0 3 * * *', template: { includedNamespaces: [PROD], ttl: '168h0m0s', defaultVolumesToFsBackup: true } } },
  ];
  s.access = designedAnswers(s, ['backend', 'frontend', 'postgresql', 'rabbitmq', 'redis']);
  return s;
}

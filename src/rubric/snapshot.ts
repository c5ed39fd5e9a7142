/**
 * Everything the scorer reads, gathered once from the cluster (or built by hand in tests).
 * Core objects use @kubernetes/client-node's model types (the API's own JSON shapes); custom
 * resources only declare the fields the checks read.
 */
import type {
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1LabelSelector,
  V1Namespace,
  V1NetworkPolicy,
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodDisruptionBudget,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';

export interface Meta {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
}

export interface ParentRef {
  name: string;
  namespace?: string;
  kind?: string;
  group?: string;
  sectionName?: string;
}

export interface BackendRef {
  name: string;
  namespace?: string;
  kind?: string;
  group?: string;
  port?: number;
}

export interface HttpRoute extends Meta {
  spec?: { parentRefs?: ParentRef[]; hostnames?: string[]; rules?: Array<{ backendRefs?: BackendRef[] }> };
}

export interface CertificateRef {
  name: string;
  namespace?: string;
  kind?: string;
  group?: string;
}

export interface GatewayListener {
  name: string;
  protocol: string;
  port: number;
  hostname?: string;
  tls?: { mode?: string; certificateRefs?: CertificateRef[] };
}

export interface Gateway extends Meta {
  spec?: { gatewayClassName?: string; listeners?: GatewayListener[] };
}

export interface Certificate extends Meta {
  spec?: { secretName?: string; dnsNames?: string[] };
}

export interface ExternalSecret extends Meta {
  spec?: { target?: { name?: string } };
}

export interface ServiceMonitor extends Meta {
  spec?: {
    selector?: V1LabelSelector;
    namespaceSelector?: { any?: boolean; matchNames?: string[] };
    endpoints?: Array<{ port?: string; targetPort?: number | string; path?: string }>;
  };
}

export interface PrometheusRule extends Meta {
  spec?: { groups?: Array<{ name?: string; rules?: Array<{ alert?: string; record?: string; expr?: unknown; for?: string; labels?: Record<string, string> }> }> };
}

export interface VeleroSchedule extends Meta {
  spec?: {
    schedule?: string;
    template?: {
      includedNamespaces?: string[];
      excludedNamespaces?: string[];
      ttl?: string;
      defaultVolumesToFsBackup?: boolean;
      snapshotVolumes?: boolean;
      snapshotMoveData?: boolean;
    };
  };
}

/** A SubjectAccessReview asked for the scorer: who, what, where, and the API server's answer. */
export interface AccessAnswer {
  key: string;
  user: string;
  groups: string[];
  verb: string;
  group: string;
  resource: string;
  namespace: string;
  allowed?: boolean;
  /** Set when the review itself failed (no permission to ask, API error). */
  error?: string;
}

export interface ClusterSnapshot {
  nodes: V1Node[];
  namespaces: V1Namespace[];
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  pods: V1Pod[];
  services: V1Service[];
  endpointSlices: V1EndpointSlice[];
  pvcs: V1PersistentVolumeClaim[];
  pvs: V1PersistentVolume[];
  hpas: V2HorizontalPodAutoscaler[];
  networkPolicies: V1NetworkPolicy[];
  serviceAccounts: V1ServiceAccount[];
  pdbs: V1PodDisruptionBudget[];
  gateways: Gateway[];
  httpRoutes: HttpRoute[];
  certificates: Certificate[];
  externalSecrets: ExternalSecret[];
  serviceMonitors: ServiceMonitor[];
  prometheusRules: PrometheusRule[];
  schedules: VeleroSchedule[];
  access: AccessAnswer[];
  /** Custom resource kinds the cluster does not serve (their CRD is not installed), e.g. `schedules.velero.io`. */
  missingKinds: string[];
}

export function emptySnapshot(): ClusterSnapshot {
  return {
    nodes: [],
    namespaces: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    pods: [],
    services: [],
    endpointSlices: [],
    pvcs: [],
    pvs: [],
    hpas: [],
    networkPolicies: [],
    serviceAccounts: [],
    pdbs: [],
    gateways: [],
    httpRoutes: [],
    certificates: [],
    externalSecrets: [],
    serviceMonitors: [],
    prometheusRules: [],
    schedules: [],
    access: [],
    missingKinds: [],
  };
}

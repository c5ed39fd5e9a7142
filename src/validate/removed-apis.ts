/**
 * API versions removed from Kubernetes (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
 * Content must be current for the pinned release, so these are errors whatever the
 * cluster serves (an old kind cluster may still serve some), and each names its replacement.
 */
export interface RemovedApi {
  apiVersion: string;
  /** `*`: every kind of that apiVersion. */
  kind: string;
  removedIn: string;
  /** apiVersion (and kind) to use instead; undefined when the API is gone without a successor. */
  replacement?: string;
  /** Korean: what else changes when migrating. */
  note?: string;
}

const rbacKinds = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];
const appsKinds = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'];

export const REMOVED_APIS: readonly RemovedApi[] = [
  ...appsKinds.flatMap((kind) => [
    { apiVersion: 'extensions/v1beta1', kind, removedIn: 'v1.16', replacement: `apps/v1 ${kind}`, note: 'apps/v1에서는 spec.selector가 필수입니다.' },
    { apiVersion: 'apps/v1beta1', kind, removedIn: 'v1.16', replacement: `apps/v1 ${kind}`, note: 'apps/v1에서는 spec.selector가 필수입니다.' },
    { apiVersion: 'apps/v1beta2', kind, removedIn: 'v1.16', replacement: `apps/v1 ${kind}` },
  ]),
  { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', removedIn: 'v1.16', replacement: 'networking.k8s.io/v1 NetworkPolicy' },
  { apiVersion: 'extensions/v1beta1', kind: 'PodSecurityPolicy', removedIn: 'v1.16', note: 'PodSecurityPolicy는 v1.25에서 완전히 없어졌습니다. Pod Security Admission(네임스페이스 레이블 pod-security.kubernetes.io/enforce)을 쓰세요.' },
  {
    apiVersion: 'extensions/v1beta1',
    kind: 'Ingress',
    removedIn: 'v1.22',
    replacement: 'networking.k8s.io/v1 Ingress',
    note: 'v1에서는 paths[].pathType이 필수이고 backend가 service.name / service.port.number 형태로 바뀌었으며, 주석 대신 spec.ingressClassName을 씁니다.',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kind: 'Ingress',
    removedIn: 'v1.22',
    replacement: 'networking.k8s.io/v1 Ingress',
    note: 'v1에서는 paths[].pathType이 필수이고 backend가 service.name / service.port.number 형태로 바뀌었습니다.',
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass', removedIn: 'v1.22', replacement: 'networking.k8s.io/v1 IngressClass' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'MutatingWebhookConfiguration', removedIn: 'v1.22', replacement: 'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration', note: 'v1에서는 sideEffects와 admissionReviewVersions가 필수입니다.' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingWebhookConfiguration', removedIn: 'v1.22', replacement: 'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration', note: 'v1에서는 sideEffects와 admissionReviewVersions가 필수입니다.' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition', removedIn: 'v1.22', replacement: 'apiextensions.k8s.io/v1 CustomResourceDefinition', note: 'v1에서는 버전마다 구조적 스키마(versions[].schema.openAPIV3Schema)가 필수입니다.' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kind: 'APIService', removedIn: 'v1.22', replacement: 'apiregistration.k8s.io/v1 APIService' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kind: 'TokenReview', removedIn: 'v1.22', replacement: 'authentication.k8s.io/v1 TokenReview' },
  ...['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'].map((kind) => ({
    apiVersion: 'authorization.k8s.io/v1beta1',
    kind,
    removedIn: 'v1.22',
    replacement: `authorization.k8s.io/v1 ${kind}`,
  })),
  { apiVersion: 'certificates.k8s.io/v1beta1', kind: 'CertificateSigningRequest', removedIn: 'v1.22', replacement: 'certificates.k8s.io/v1 CertificateSigningRequest', note: 'v1에서는 spec.signerName이 필수입니다.' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kind: 'Lease', removedIn: 'v1.22', replacement: 'coordination.k8s.io/v1 Lease' },
  ...rbacKinds.map((kind) => ({ apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind, removedIn: 'v1.22', replacement: `rbac.authorization.k8s.io/v1 ${kind}` })),
  ...rbacKinds.map((kind) => ({ apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kind, removedIn: 'v1.22', replacement: `rbac.authorization.k8s.io/v1 ${kind}` })),
  { apiVersion: 'scheduling.k8s.io/v1beta1', kind: 'PriorityClass', removedIn: 'v1.22', replacement: 'scheduling.k8s.io/v1 PriorityClass' },
  ...['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'].map((kind) => ({
    apiVersion: 'storage.k8s.io/v1beta1',
    kind,
    removedIn: 'v1.22',
    replacement: `storage.k8s.io/v1 ${kind}`,
  })),
  { apiVersion: 'batch/v1beta1', kind: 'CronJob', removedIn: 'v1.25', replacement: 'batch/v1 CronJob' },
  { apiVersion: 'batch/v2alpha1', kind: 'CronJob', removedIn: 'v1.21', replacement: 'batch/v1 CronJob' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice', removedIn: 'v1.25', replacement: 'discovery.k8s.io/v1 EndpointSlice' },
  { apiVersion: 'events.k8s.io/v1beta1', kind: 'Event', removedIn: 'v1.25', replacement: 'events.k8s.io/v1 Event' },
  { apiVersion: 'autoscaling/v2beta1', kind: 'HorizontalPodAutoscaler', removedIn: 'v1.25', replacement: 'autoscaling/v2 HorizontalPodAutoscaler' },
  { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', removedIn: 'v1.26', replacement: 'autoscaling/v2 HorizontalPodAutoscaler' },
  { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', removedIn: 'v1.25', replacement: 'policy/v1 PodDisruptionBudget', note: 'policy/v1에서는 빈 selector({})가 네임스페이스의 모든 파드를 고릅니다.' },
  { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', removedIn: 'v1.25', note: 'PodSecurityPolicy는 후속 API 없이 없어졌습니다. Pod Security Admission(네임스페이스 레이블 pod-security.kubernetes.io/enforce)을 쓰세요.' },
  { apiVersion: 'node.k8s.io/v1beta1', kind: 'RuntimeClass', removedIn: 'v1.25', replacement: 'node.k8s.io/v1 RuntimeClass' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'CSIStorageCapacity', removedIn: 'v1.27', replacement: 'storage.k8s.io/v1 CSIStorageCapacity' },
  ...['FlowSchema', 'PriorityLevelConfiguration'].flatMap((kind) => [
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1alpha1', kind, removedIn: 'v1.21', replacement: `flowcontrol.apiserver.k8s.io/v1 ${kind}` },
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kind, removedIn: 'v1.26', replacement: `flowcontrol.apiserver.k8s.io/v1 ${kind}` },
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind, removedIn: 'v1.29', replacement: `flowcontrol.apiserver.k8s.io/v1 ${kind}` },
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind, removedIn: 'v1.32', replacement: `flowcontrol.apiserver.k8s.io/v1 ${kind}` },
  ]),
];

const byKey = new Map(REMOVED_APIS.map((api) => [`${api.apiVersion} ${api.kind}`, api]));

export function findRemovedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return byKey.get(`${apiVersion} ${kind}`) ?? byKey.get(`${apiVersion} *`);
}

/** Korean: what was removed when, and what to use instead. */
export function removedApiMessage(api: RemovedApi, kind: string): string {
  const instead = api.replacement ? ` ${api.replacement}를 쓰세요.` : '';
  return `${api.apiVersion} ${kind}는 쿠버네티스 ${api.removedIn}에서 제거된 API입니다.${instead}${api.note ? ` ${api.note}` : ''}`;
}

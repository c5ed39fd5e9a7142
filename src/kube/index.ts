/** The one Kubernetes client layer: everything that talks to a cluster goes through here. */
export * from './types';
export { loadTarget, KubeConfigError, type TargetOptions } from './target';
export { judgeLearningCluster, type LearningJudgement } from './context';
export { applyObjects, isFoundationKind } from './apply';
export { deleteObjects } from './delete';
export { diffObjects, renderDiff, stripServerFields } from './diff';
export { ensureNamespaces } from './namespace';
export { waitForCrdsEstablished } from './crd';
export { resolveResource, forgetDiscovery, splitApiVersion, isBuiltInGroup, type ResourceInfo, type Resolution } from './discovery';
export { kubeRequest, closeTarget, KubeUnreachableError, type KubeRequest, type KubeResponse } from './http';
export { fieldPathToSegments, resolveFieldPath, type FieldSegment } from './field-path';
export { causesFromMessage, failureFromResponse, type ApiStatus } from './status';
export { parseWarningHeaders } from './warnings';
export { mapLimit } from './concurrency';
export { serverVersion } from './version';
export { clusterInventory, type InventoryItem } from './inventory';
export { detectCapabilities, observeCluster, dockerContainerNames, decideCapabilities, internetAllowed, nodeKind, KWOK_ANNOTATION, type DetectOptions, type ClusterObservations } from './capabilities';
export { evaluateCheck, type CheckResult } from './typed-checks';

/** Machine checks by catalog id. A catalog check without an entry here is a human one. */
import type { PartResult } from '../types';
import type { CheckContext } from './context';
import { netGateway, netServices } from './network';
import { hpa, logCollector, logStore, monRules, monServiceMonitor } from './operations';
import { netpolDefaultDeny, netpolDns, pssRestricted, rbacDeveloper, rbacOperator, rbacServiceAccounts, secretsExternal } from './security';
import { backupSchedule, resilience } from './stability';
import { storageMounts, storagePvc, storageSsd } from './storage';
import { appsReady, appsScheduling, clusterNodes } from './workloads';

export type CheckFn = (ctx: CheckContext) => PartResult[];

export const MACHINE_CHECKS: Readonly<Record<string, CheckFn>> = {
  'cluster-nodes': clusterNodes,
  'apps-ready': appsReady,
  'apps-scheduling': appsScheduling,
  'net-services': netServices,
  'net-gateway': netGateway,
  'storage-pvc': storagePvc,
  'storage-mounts': storageMounts,
  'storage-ssd': storageSsd,
  'rbac-developer': rbacDeveloper,
  'rbac-operator': rbacOperator,
  'rbac-serviceaccounts': rbacServiceAccounts,
  'netpol-default-deny': netpolDefaultDeny,
  'netpol-dns': netpolDns,
  'pss-restricted': pssRestricted,
  'secrets-external': secretsExternal,
  'mon-servicemonitor': monServiceMonitor,
  'mon-rules': monRules,
  'log-collector': logCollector,
  'log-store': logStore,
  hpa,
  resilience,
  'backup-schedule': backupSchedule,
};

export type { CheckContext } from './context';
export { prodServiceAccounts } from './security';

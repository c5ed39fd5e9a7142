/** 보안성: RBAC answers from the API server, NetworkPolicies, Pod Security labels and External Secrets. */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { developerQuestions, operatorQuestions, serviceAccountQuestions, type AccessQuestion } from '../access';
import { isEmptySelector, labelsOf, nameOf, namespaceOf, secretsUsedBy } from '../k8s';
import type { PartResult } from '../types';
import { APPS, findApp, notFound, part, type CheckContext, type Workload } from './context';

/** Why an answer differs from the design, or undefined when it matches. */
function answerProblem(ctx: CheckContext, q: AccessQuestion): string | undefined {
  const answer = ctx.snapshot.access.find((a) => a.key === q.key);
  if (!answer) return `${q.label}: 권한을 확인하지 못했습니다`;
  if (answer.error) return `${q.label}: SubjectAccessReview 실패 (${answer.error})`;
  if (answer.allowed === q.expect) return undefined;
  const what = `${q.namespace}의 ${q.verb} ${q.group ? `${q.resource}.${q.group}` : q.resource}`;
  return q.expect ? `${answer.user}(그룹 ${answer.groups[0]}): ${what} 권한이 없습니다` : `${answer.user}(그룹 ${answer.groups[0]}): ${what} 권한이 있습니다 (막혀야 함)`;
}

const joined = (problems: Array<string | undefined>): string | undefined => problems.filter(Boolean).join('; ') || undefined;

/**
 * A "must be denied" answer earns only once the person has some of the access they should have:
 * with no RoleBindings at all everything is denied, and that is not a design.
 */
function denialProblem(ctx: CheckContext, q: AccessQuestion, granted: readonly AccessQuestion[]): string | undefined {
  const anyGranted = granted.some((g) => ctx.snapshot.access.find((a) => a.key === g.key)?.allowed === true);
  return anyGranted ? answerProblem(ctx, q) : `${q.label}: 이 그룹에 허용된 권한이 하나도 없어 최소 권한을 평가할 수 없습니다`;
}

export function rbacDeveloper(ctx: CheckContext): PartResult[] {
  const questions = developerQuestions(ctx.env, ctx.people);
  const granted = questions.filter((q) => q.expect);
  return questions.map((q) => part(q.label, 1, q.expect ? answerProblem(ctx, q) : denialProblem(ctx, q, granted)));
}

export function rbacOperator(ctx: CheckContext): PartResult[] {
  const questions = operatorQuestions(ctx.env, ctx.people);
  const granted = questions.filter((q) => q.expect);
  const reads = questions.filter((q) => q.verb === 'list');
  const rest = questions.filter((q) => q.verb !== 'list');
  return [
    part(`${ctx.people.operator.user}(${ctx.people.operator.group}): 세 환경의 파드 읽기 가능`, 1, joined(reads.map((q) => answerProblem(ctx, q)))),
    ...rest.map((q) => part(q.label, 1, q.expect ? answerProblem(ctx, q) : denialProblem(ctx, q, granted))),
  ];
}

const prodApps = (ctx: CheckContext): Workload[] => APPS.map((a) => findApp(ctx, a.key)).filter((w): w is Workload => w !== undefined);

/** The accounts the prod applications run as (the gatherer asks the API server about exactly these). */
export function prodServiceAccounts(ctx: CheckContext): string[] {
  return [...new Set(prodApps(ctx).map((w) => w.template?.spec?.serviceAccountName || 'default'))].sort();
}

export function rbacServiceAccounts(ctx: CheckContext): PartResult[] {
  const apps = prodApps(ctx);
  const problems: string[] = [];
  for (const app of apps) {
    const spec = app.template?.spec;
    const account = spec?.serviceAccountName || 'default';
    const sa = ctx.snapshot.serviceAccounts.find((s) => namespaceOf(s) === ctx.env.prod && nameOf(s) === account);
    const automount = spec?.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
    if (account === 'default') problems.push(`${app.name}: default 서비스 어카운트를 씁니다`);
    else if (automount) problems.push(`${app.name}: 서비스 어카운트 ${account}의 토큰이 파드에 마운트됩니다 (automountServiceAccountToken: false 필요)`);
  }
  const dedicated = apps.length === 0 ? `${ctx.env.prod}에 애플리케이션 워크로드가 없습니다` : joined(problems);
  const questions = serviceAccountQuestions(ctx.env.prod, prodServiceAccounts(ctx));
  const least = apps.length === 0 ? `${ctx.env.prod}에 애플리케이션 워크로드가 없습니다` : joined(questions.map((q) => answerProblem(ctx, q)));
  return [part('전용 서비스 어카운트, 토큰 마운트 안 함', 1, dedicated), part('서비스 어카운트가 Secret 목록·파드 생성 불가', 1, least)];
}

/** Types a policy governs: written ones, or the API's default (Ingress, plus Egress when it has egress rules). */
const policyTypes = (p: V1NetworkPolicy): string[] => p.spec?.policyTypes ?? ['Ingress', ...((p.spec?.egress ?? []).length > 0 ? ['Egress'] : [])];

/** Which directions a namespace's all-pods policies without rules deny. */
function deniedDirections(ctx: CheckContext, namespace: string): { ingress: boolean; egress: boolean } {
  const blanket = ctx.snapshot.networkPolicies.filter((p) => namespaceOf(p) === namespace && isEmptySelector(p.spec?.podSelector));
  return {
    ingress: blanket.some((p) => policyTypes(p).includes('Ingress') && (p.spec?.ingress ?? []).length === 0),
    egress: blanket.some((p) => policyTypes(p).includes('Egress') && (p.spec?.egress ?? []).length === 0),
  };
}

export function netpolDefaultDeny(ctx: CheckContext): PartResult[] {
  return [ctx.env.dev, ctx.env.staging, ctx.env.prod].map((ns) => {
    const denied = deniedDirections(ctx, ns);
    const lacking = [denied.ingress ? undefined : 'Ingress', denied.egress ? undefined : 'Egress'].filter(Boolean);
    return part(`${ns}: 들어오고 나가는 트래픽 기본 차단`, 2, lacking.length ? `${ns}에 모든 파드의 ${lacking.join('·')}를 막는 정책(podSelector: {}, 규칙 없음)이 없습니다` : undefined);
  });
}

function allowsDns(ctx: CheckContext, namespace: string): boolean {
  return ctx.snapshot.networkPolicies.some(
    (p) =>
      namespaceOf(p) === namespace &&
      isEmptySelector(p.spec?.podSelector) &&
      policyTypes(p).includes('Egress') &&
      (p.spec?.egress ?? []).some((rule) => {
        const ports = rule.ports ?? [];
        return ports.length === 0 || ports.some((port) => port.protocol === 'UDP' && (port.port === 53 || port.port === 'dns' || port.port === undefined));
      }),
  );
}

export function netpolDns(ctx: CheckContext): PartResult[] {
  const lacking = [ctx.env.dev, ctx.env.staging, ctx.env.prod].filter((ns) => !allowsDns(ctx, ns));
  return [part('세 환경 모두 DNS(UDP 53) 이그레스 허용', 2, lacking.length ? `모든 파드의 UDP 53 이그레스를 허용하는 정책이 없는 네임스페이스: ${lacking.join(', ')}` : undefined)];
}

export function pssRestricted(ctx: CheckContext): PartResult[] {
  return [ctx.env.dev, ctx.env.staging, ctx.env.prod].map((ns) => {
    const namespace = ctx.snapshot.namespaces.find((n) => nameOf(n) === ns);
    const level = namespace ? labelsOf(namespace)['pod-security.kubernetes.io/enforce'] : undefined;
    const problem = !namespace
      ? `네임스페이스가 없습니다: ${ns}`
      : level === 'restricted'
        ? undefined
        : `${ns}의 pod-security.kubernetes.io/enforce가 ${level ?? '(없음)'}입니다 (restricted 필요)`;
    return part(`${ns}: restricted 강제`, 1, problem);
  });
}

export function secretsExternal(ctx: CheckContext): PartResult[] {
  const database = findApp(ctx, 'postgresql');
  let problem: string | undefined;
  if (ctx.snapshot.missingKinds.includes('externalsecrets.external-secrets.io')) problem = 'ExternalSecret CRD가 없습니다 (External Secrets Operator를 설치하세요)';
  else if (!database) problem = notFound(ctx, 'postgresql');
  else {
    const used = secretsUsedBy(database.template?.spec);
    const made = new Set(ctx.snapshot.externalSecrets.filter((e) => namespaceOf(e) === ctx.env.prod).map((e) => e.spec?.target?.name || nameOf(e)));
    const covered = [...used].filter((name) => made.has(name));
    if (used.size === 0) problem = `${database.name}: Secret을 쓰지 않습니다 (비밀번호를 매니페스트에 직접 쓰지 마세요)`;
    else if (covered.length === 0) problem = `${database.name}: 쓰는 Secret(${[...used].join(', ')})을 만드는 ExternalSecret이 ${ctx.env.prod}에 없습니다`;
  }
  return [part('DB 자격 증명을 ExternalSecret이 만듦', 2, problem)];
}

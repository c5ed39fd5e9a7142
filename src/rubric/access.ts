/**
 * The RBAC questions the rubric asks the API server (SubjectAccessReview), and what the
 * project's design says the answer must be. People are judged through the group their
 * IdP puts them in, the way the reference binds roles.
 */
import type { AccessAnswer } from './snapshot';

export interface Environments {
  dev: string;
  staging: string;
  prod: string;
}

export interface People {
  developer: { user: string; group: string };
  operator: { user: string; group: string };
}

export const peopleFor = (prefix: string): People => ({
  developer: { user: 'dev-alice', group: `${prefix}-developers` },
  operator: { user: 'ops-bob', group: `${prefix}-operators` },
});

export type AccessQuestion = Omit<AccessAnswer, 'allowed' | 'error'> & { expect: boolean; label: string };

const AUTHENTICATED = 'system:authenticated';

function question(
  who: { user: string; groups: string[] },
  verb: string,
  resource: string,
  namespace: string,
  expect: boolean,
  label: string,
): AccessQuestion {
  const [group, plural] = resource.includes('.') ? [resource.slice(resource.indexOf('.') + 1), resource.slice(0, resource.indexOf('.'))] : ['', resource];
  return {
    key: `${who.user}|${verb}|${resource}|${namespace}`,
    user: who.user,
    groups: who.groups,
    verb,
    group,
    resource: plural,
    namespace,
    expect,
    label,
  };
}

export function developerQuestions(env: Environments, people: People): AccessQuestion[] {
  const dev = { user: people.developer.user, groups: [people.developer.group, AUTHENTICATED] };
  const who = `${dev.user}(${people.developer.group})`;
  return [
    question(dev, 'create', 'deployments.apps', env.dev, true, `${who}: ${env.dev}에서 Deployment 만들기 가능`),
    question(dev, 'delete', 'pods', env.dev, true, `${who}: ${env.dev}에서 파드 지우기 가능`),
    question(dev, 'create', 'deployments.apps', env.prod, false, `${who}: ${env.prod}에서 Deployment 만들기 불가`),
    question(dev, 'get', 'secrets', env.prod, false, `${who}: ${env.prod}의 Secret 읽기 불가`),
  ];
}

export function operatorQuestions(env: Environments, people: People): AccessQuestion[] {
  const ops = { user: people.operator.user, groups: [people.operator.group, AUTHENTICATED] };
  const who = `${ops.user}(${people.operator.group})`;
  return [
    ...[env.dev, env.staging, env.prod].map((ns) => question(ops, 'list', 'pods', ns, true, `${who}: ${ns}의 파드 읽기 가능`)),
    question(ops, 'patch', 'deployments.apps', env.prod, true, `${who}: ${env.prod}의 Deployment 변경 가능`),
    question(ops, 'create', 'deployments.apps', env.dev, false, `${who}: ${env.dev}에서 Deployment 만들기 불가`),
    question(ops, 'get', 'secrets', env.dev, false, `${who}: ${env.dev}의 Secret 읽기 불가`),
  ];
}

/** What a workload's own account must not be able to do in its namespace. */
export function serviceAccountQuestions(namespace: string, accounts: readonly string[]): AccessQuestion[] {
  return accounts.flatMap((account) => {
    const sa = {
      user: `system:serviceaccount:${namespace}:${account}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, AUTHENTICATED],
    };
    return [
      question(sa, 'list', 'secrets', namespace, false, `서비스 어카운트 ${account}: Secret 목록 불가`),
      question(sa, 'create', 'pods', namespace, false, `서비스 어카운트 ${account}: 파드 만들기 불가`),
    ];
  });
}

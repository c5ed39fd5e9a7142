/** Korean messages for what goes wrong between us and an API server: what happened, then what to do. */

const NETWORK_HINT: Record<string, string> = {
  ECONNREFUSED: '연결이 거부되었습니다',
  ECONNRESET: '연결이 끊겼습니다',
  EHOSTUNREACH: '호스트에 닿을 수 없습니다',
  ENETUNREACH: '네트워크에 닿을 수 없습니다',
  ENOTFOUND: '서버 이름을 찾을 수 없습니다',
  EAI_AGAIN: '서버 이름을 찾을 수 없습니다',
  ETIMEDOUT: '응답이 없습니다',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS 인증서를 신뢰할 수 없습니다',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS 인증서를 신뢰할 수 없습니다',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS 인증서를 신뢰할 수 없습니다',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS 인증서의 이름이 서버 주소와 맞지 않습니다',
  CERT_HAS_EXPIRED: 'TLS 인증서가 만료되었습니다',
};

export function unreachableMessage(server: string, code: string, detail: string, timeoutMs: number): string {
  if (code === 'ETIMEDOUT') {
    return (
      `쿠버네티스 API 서버(${server})가 ${Math.round(timeoutMs / 1000)}초 안에 응답하지 않았습니다. ` +
      '클러스터가 과부하이거나 멈췄을 수 있습니다. `kubectl cluster-info`로 상태를 확인하고 다시 시도하세요.'
    );
  }
  const what = NETWORK_HINT[code] ?? `연결 오류 (${detail})`;
  const tls = /CERT|TLS/.test(code)
    ? ' kubeconfig의 인증서가 이 클러스터의 것인지 확인하세요 (클러스터를 다시 만들었다면 kubeconfig도 새로 받아야 합니다).'
    : '';
  return (
    `쿠버네티스 API 서버(${server})에 연결할 수 없습니다: ${what} (${code}).${tls} ` +
    '클러스터가 켜져 있는지 `kubectl cluster-info`로 확인하세요. kind라면 `kind create cluster`로 만들거나 멈춘 컨테이너를 다시 시작하고, ' +
    '이 프로젝트의 로컬 클러스터라면 `npm run cluster:up`으로 시작하세요.'
  );
}

const canICommand = (verb: string, resource: string, namespace: string | undefined): string =>
  `kubectl auth can-i ${verb} ${resource}${namespace ? ` -n ${namespace}` : ''}`;

export function forbiddenMessage(user: string, verb: string, resource: string, namespace: string | undefined, serverMessage: string): string {
  const where = namespace ? ` (네임스페이스 ${namespace})` : ' (클러스터 범위)';
  return `권한이 없습니다: "${user}" 사용자는 ${resource}를 ${verb}할 수 없습니다${where}. RBAC(Role/RoleBinding)를 확인하세요: \`${canICommand(verb, resource, namespace)}\`. 서버 응답: ${serverMessage}`;
}

/** A delete went through, but the user may not get the object, so whether it is gone cannot be seen. */
export function goneUnverifiedMessage(user: string, resource: string, namespace: string | undefined, code: number): string {
  return `삭제를 요청했지만 사라졌는지는 확인하지 못했습니다: 이 사용자(${user})에게 ${resource} 조회(get) 권한이 없습니다 (HTTP ${code}). ${canICommand('get', resource, namespace)}로 확인하세요.`;
}

/** The group/version is not served, or is served without this kind. */
export function missingKindMessage(apiVersion: string, kind: string, group: string, builtIn: boolean): string {
  if (builtIn) {
    return (
      `이 클러스터는 ${apiVersion} ${kind}를 제공하지 않습니다. 이 쿠버네티스 버전에서 제거되었거나 철자가 틀린 apiVersion/kind입니다. ` +
      `\`kubectl api-resources | grep -i ${kind}\`로 지금 쓸 수 있는 버전을 확인하세요.`
    );
  }
  return (
    `이 클러스터에는 ${apiVersion} ${kind} 종류가 없습니다: ${group} 그룹의 CRD가 설치되지 않았거나 그 버전을 제공하지 않습니다. ` +
    `CRD를 먼저 설치하세요 (확인: \`kubectl get crd | grep ${group}\`).`
  );
}

export function namespaceMissingMessage(namespace: string): string {
  return `네임스페이스 "${namespace}"가 없습니다. 먼저 만드세요: \`kubectl create namespace ${namespace}\`.`;
}

export function conflictMessage(serverMessage: string): string {
  return (
    `다른 필드 관리자가 가진 필드와 충돌합니다 (server-side apply conflict). 그 값을 이 매니페스트로 가져오려면 force로 다시 적용하세요 ` +
    `(kubectl이라면 \`kubectl apply --server-side --force-conflicts\`). 서버 응답: ${serverMessage}`
  );
}

export function invalidMessage(reason: string, causes: ReadonlyArray<{ field?: string; message: string }>, serverMessage: string): string {
  const list = causes.length
    ? causes.map((cause) => (cause.field && !cause.message.includes(cause.field) ? `${cause.field}: ${cause.message}` : cause.message)).join('; ')
    : serverMessage;
  return `API 서버가 이 객체를 거부했습니다 (${reason}): ${list}`;
}

export function serverTimeoutMessage(serverMessage: string): string {
  return `API 서버가 요청을 제시간에 처리하지 못했습니다 (Timeout). 잠시 뒤 다시 시도하세요. 서버 응답: ${serverMessage}`;
}

export function missingNameMessage(kind: string): string {
  return `${kind}에 metadata.name이 없습니다. 모든 객체에는 이름이 필요합니다 (metadata.name: my-app처럼 소문자, 숫자, "-"로).`;
}

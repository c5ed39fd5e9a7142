/** 기능성: Services with endpoints, and the route from a Gateway's HTTPS listener to the frontend. */
import type { V1Service } from '@kubernetes/client-node';
import { labelsOf, mapSelects, nameOf, namespaceOf, templateLabels } from '../k8s';
import type { Gateway, GatewayListener, HttpRoute } from '../snapshot';
import type { PartResult } from '../types';
import { findApp, notFound, part, type AppKey, type CheckContext, type Workload } from './context';

function serviceFor(ctx: CheckContext, app: Workload): V1Service | undefined {
  const labels = templateLabels(app.template);
  return ctx.snapshot.services.find((s) => namespaceOf(s) === ctx.env.prod && mapSelects(s.spec?.selector, labels));
}

function readyEndpoints(ctx: CheckContext, service: V1Service): number {
  return ctx.snapshot.endpointSlices
    .filter((e) => namespaceOf(e) === ctx.env.prod && labelsOf(e)['kubernetes.io/service-name'] === nameOf(service))
    .flatMap((e) => e.endpoints ?? [])
    .filter((e) => e.conditions?.ready === true).length;
}

/** Why an application is not reachable through its Service, or undefined when it is. */
function serviceProblem(ctx: CheckContext, key: AppKey, headless: boolean): string | undefined {
  const app = findApp(ctx, key);
  if (!app) return notFound(ctx, key);
  const service = serviceFor(ctx, app);
  if (!service) return `${app.name}의 파드를 고르는 Service가 ${ctx.env.prod}에 없습니다`;
  if (headless && service.spec?.clusterIP !== 'None') return `${nameOf(service)}: StatefulSet용 Service는 헤드리스(clusterIP: None)여야 합니다`;
  if (headless && app.object.spec && 'serviceName' in app.object.spec && app.object.spec.serviceName !== nameOf(service)) {
    return `${app.name}의 serviceName(${app.object.spec.serviceName ?? ''})이 헤드리스 Service의 이름(${nameOf(service)})과 다릅니다`;
  }
  if (readyEndpoints(ctx, service) === 0) return `${nameOf(service)}: 준비된 엔드포인트가 없습니다`;
  return undefined;
}

const joined = (...problems: Array<string | undefined>): string | undefined => problems.filter(Boolean).join('; ') || undefined;

export function netServices(ctx: CheckContext): PartResult[] {
  return [
    part('frontend·backend Service 엔드포인트', 1, joined(serviceProblem(ctx, 'frontend', false), serviceProblem(ctx, 'backend', false))),
    part('redis Service 엔드포인트', 1, serviceProblem(ctx, 'redis', false)),
    part('postgresql·rabbitmq 헤드리스 Service', 1, joined(serviceProblem(ctx, 'postgresql', true), serviceProblem(ctx, 'rabbitmq', true))),
  ];
}

interface Attachment {
  route: HttpRoute;
  gateway: Gateway;
  listeners: GatewayListener[];
}

/** HTTPRoutes in prod that send traffic to the frontend Service, with the Gateway listeners they attach to. */
function frontendAttachments(ctx: CheckContext, serviceName: string): Attachment[] {
  const attachments: Attachment[] = [];
  const routes = ctx.snapshot.httpRoutes.filter(
    (r) =>
      namespaceOf(r) === ctx.env.prod &&
      (r.spec?.rules ?? []).some((rule) =>
        (rule.backendRefs ?? []).some((b) => b.name === serviceName && (b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '' && (b.namespace ?? ctx.env.prod) === ctx.env.prod),
      ),
  );
  for (const route of routes) {
    for (const ref of route.spec?.parentRefs ?? []) {
      if ((ref.kind ?? 'Gateway') !== 'Gateway') continue;
      const gateway = ctx.snapshot.gateways.find((g) => nameOf(g) === ref.name && namespaceOf(g) === (ref.namespace ?? namespaceOf(route)));
      if (!gateway) continue;
      const listeners = (gateway.spec?.listeners ?? []).filter((l) => !ref.sectionName || l.name === ref.sectionName);
      attachments.push({ route, gateway, listeners });
    }
  }
  return attachments;
}

export function netGateway(ctx: CheckContext): PartResult[] {
  const frontend = findApp(ctx, 'frontend');
  const service = frontend && serviceFor(ctx, frontend);
  const attachments = service ? frontendAttachments(ctx, nameOf(service)) : [];
  const https = attachments.flatMap((a) =>
    a.listeners.filter((l) => l.protocol === 'HTTPS' && (l.tls?.certificateRefs ?? []).length > 0).map((l) => ({ gateway: a.gateway, listener: l })),
  );
  const certified = https.some(({ gateway, listener }) =>
    (listener.tls?.certificateRefs ?? []).some((ref) => {
      const namespace = ref.namespace ?? namespaceOf(gateway);
      return ctx.snapshot.certificates.some((c) => namespaceOf(c) === namespace && c.spec?.secretName === ref.name);
    }),
  );

  const routeProblem = !frontend
    ? notFound(ctx, 'frontend')
    : !service
      ? `${frontend.name} 파드를 고르는 Service가 없어 라우트를 찾을 수 없습니다`
      : attachments.length === 0
        ? `${ctx.env.prod}에 frontend Service(${nameOf(service)})로 트래픽을 보내는 HTTPRoute가 없거나, 그 라우트가 존재하는 Gateway에 붙어 있지 않습니다`
        : undefined;
  const listenerProblem = routeProblem
    ? '라우트가 붙은 Gateway가 없어 리스너를 확인할 수 없습니다'
    : https.length === 0
      ? `라우트가 붙은 리스너 중 HTTPS이면서 tls.certificateRefs가 있는 것이 없습니다 (${attachments.map((a) => `${namespaceOf(a.gateway)}/${nameOf(a.gateway)}`).join(', ')})`
      : undefined;
  const certificateProblem = listenerProblem
    ? 'HTTPS 리스너가 없어 인증서를 확인할 수 없습니다'
    : certified
      ? undefined
      : `리스너가 쓰는 인증서 Secret을 만드는 cert-manager Certificate가 없습니다 (${https.flatMap((h) => (h.listener.tls?.certificateRefs ?? []).map((r) => r.name)).join(', ')})`;

  return [
    part('frontend로 가는 HTTPRoute가 Gateway에 붙음', 2, routeProblem),
    part('HTTPS 리스너와 인증서 참조', 1, listenerProblem),
    part('cert-manager Certificate가 인증서를 관리', 1, certificateProblem),
  ];
}

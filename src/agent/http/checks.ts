/**
 * Pure request checks, one per concern, each returning a refusal or undefined.
 * The server applies them in order before reading any body, so a refused request
 * costs nothing and spawns nothing.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** Loopback names the agent answers to; anything else is a DNS-rebinding attempt or a proxy. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function checkHost(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): Refusal | undefined {
  const host = headers.host?.toLowerCase();
  if (!host) return { status: 400, code: 'missing-host', message: 'Host 헤더가 없는 요청은 받지 않습니다.' };
  if (!hosts.has(host)) {
    return {
      status: 403,
      code: 'bad-host',
      message: `에이전트는 127.0.0.1, localhost, [::1] 주소로만 요청을 받습니다 (받은 Host: ${host.slice(0, 100)}).`,
    };
  }
  return undefined;
}

/**
 * A browser always sends Origin on cross-origin requests and WebSocket upgrades;
 * a request without one comes from a non-browser client that must still hold the token.
 */
export function checkOrigin(headers: IncomingHttpHeaders, origins: ReadonlySet<string>): Refusal | undefined {
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  // "null" is every file://, data: and sandboxed page at once: never an allowed site.
  if (origin === 'null' || !origins.has(origin)) {
    return {
      status: 403,
      code: 'bad-origin',
      message: '이 사이트에서 온 요청은 받지 않습니다. 과정 사이트에서만 에이전트를 쓸 수 있습니다.',
    };
  }
  return undefined;
}

export function normalizeOrigin(value: string): string {
  const url = new URL(value);
  return url.origin;
}

/** Headers on every answer, error or not. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** CORS headers for an allowed origin only; never `*`. */
export function corsHeaders(origin: string | undefined, origins: ReadonlySet<string>): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin && origin !== 'null' && origins.has(origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Allow-Headers'] = 'Authorization, Content-Type';
    headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS';
    headers['Access-Control-Max-Age'] = '600';
  }
  return headers;
}

/**
 * The request target as a URL, or undefined when it is not an origin-form path (`/v1/health?x`).
 * Checked before parsing, and the parse itself cannot throw out: `GET http://[/ HTTP/1.1` once
 * ended the agent from `new URL()`.
 */
export function requestPath(target: string | undefined): URL | undefined {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.length > 4096) return undefined;
  try {
    return new URL(target, 'http://agent.invalid');
  } catch {
    return undefined;
  }
}

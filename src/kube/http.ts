import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeUnreachableError } from './errors';
import { unreachableMessage } from './messages';
import { sleep } from './sleep';
import type { KubeTarget } from './types';
import { parseWarningHeaders, warningHeaderValues } from './warnings';

/**
 * Our own HTTP layer over the kubeconfig's credentials. The generated client of
 * @kubernetes/client-node builds a new undici dispatcher for every call (no connection
 * reuse) and KubernetesObjectApi exposes neither fieldValidation nor the Warning
 * headers; both matter here (the validator sends hundreds of dry-runs, and deprecation
 * warnings are part of its output). KubeConfig still does what it is good at: reading
 * the kubeconfig and producing TLS material and auth headers (tokens, exec plugins).
 */

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API path (`/apis/apps/v1/namespaces/x/deployments/web`), joined to the server URL's own path. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Milliseconds; default 30 s. */
  timeoutMs?: number;
}

export interface KubeResponse {
  status: number;
  /** Parsed JSON when the server sent JSON, otherwise the text. */
  body: unknown;
  warnings: string[];
}

export { KubeUnreachableError } from './errors';

interface Connection {
  base: URL;
  transport: typeof http | typeof https;
  agent: http.Agent;
  authHeaders: Record<string, string>;
  authAt: number;
}

/** Sockets per API server: the bound on parallel requests, kept alive between calls. */
const MAX_SOCKETS = 32;
/** Tokens from exec plugins expire; re-ask the kubeconfig now and then (and on 401). */
const AUTH_TTL_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Retries of 429 (API Priority and Fairness pushing back) before giving up. */
const MAX_THROTTLE_RETRIES = 5;

const connections = new WeakMap<KubeConfig, Promise<Connection>>();

async function credentials(kubeConfig: KubeConfig): Promise<https.RequestOptions> {
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  return options;
}

function headersOf(options: https.RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[key] = String(value);
  if (options.auth) headers.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  return headers;
}

async function connect(target: KubeTarget): Promise<Connection> {
  const options = await credentials(target.kubeConfig);
  const base = new URL(target.server);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        maxSockets: MAX_SOCKETS,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        rejectUnauthorized: options.rejectUnauthorized,
        servername: options.servername,
      })
    : new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  return { base, transport: secure ? https : http, agent, authHeaders: headersOf(options), authAt: Date.now() };
}

function connection(target: KubeTarget): Promise<Connection> {
  let found = connections.get(target.kubeConfig);
  if (!found) {
    found = connect(target);
    // A failed connect (unreadable cert file, exec plugin error) must not be cached forever.
    found.catch(() => connections.delete(target.kubeConfig));
    connections.set(target.kubeConfig, found);
  }
  return found;
}

async function refreshAuth(target: KubeTarget, conn: Connection, force: boolean): Promise<void> {
  if (!force && Date.now() - conn.authAt < AUTH_TTL_MS) return;
  conn.authHeaders = headersOf(await credentials(target.kubeConfig));
  conn.authAt = Date.now();
}

/** Closes the kept-alive sockets of a target (end of a CLI run, so Node can exit at once). */
export async function closeTarget(target: KubeTarget): Promise<void> {
  const found = connections.get(target.kubeConfig);
  if (!found) return;
  connections.delete(target.kubeConfig);
  (await found.catch(() => undefined))?.agent.destroy();
}

function urlOf(conn: Connection, request: KubeRequest): URL {
  const url = new URL(conn.base.toString());
  url.pathname = url.pathname.replace(/\/+$/, '') + request.path;
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  text: string;
}

function send(conn: Connection, target: KubeTarget, request: KubeRequest): Promise<RawResponse> {
  const url = urlOf(conn, request);
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const payload =
    request.body === undefined ? undefined : Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
  const headers: Record<string, string> = {
    Accept: request.accept ?? 'application/json',
    'User-Agent': 'k8s-course',
    ...conn.authHeaders,
  };
  if (payload) {
    headers['Content-Type'] = request.contentType ?? 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = conn.transport.request(url, { method: request.method, headers, agent: conn.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(error));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.setTimeout(timeoutMs, () => {
      const error = Object.assign(new Error(`no answer in ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
      req.destroy(error);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'ECONNECTION';
      reject(new KubeUnreachableError(unreachableMessage(target.server, code, error.message, timeoutMs), code, target.server));
    });
    req.end(payload);
  });
}

function decode(raw: RawResponse): unknown {
  // Some endpoints (/openapi/v3) send JSON as text/plain.
  if (raw.text && (/json/.test(raw.headers['content-type'] ?? '') || /^\s*[{[]/.test(raw.text))) {
    try {
      return JSON.parse(raw.text);
    } catch {
      return raw.text;
    }
  }
  return raw.text;
}

/**
 * One API call. Resolves with any HTTP status (callers turn statuses into results);
 * rejects only with KubeUnreachableError (network, TLS, timeout) or a kubeconfig
 * credential error.
 */
export async function kubeRequest(target: KubeTarget, request: KubeRequest): Promise<KubeResponse> {
  const conn = await connection(target);
  await refreshAuth(target, conn, false);
  let raw = await send(conn, target, request);
  if (raw.status === 401) {
    await refreshAuth(target, conn, true);
    raw = await send(conn, target, request);
  }
  for (let attempt = 0; raw.status === 429 && attempt < MAX_THROTTLE_RETRIES; attempt++) {
    const seconds = Number(raw.headers['retry-after']);
    await sleep(Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : 200 * 2 ** attempt);
    raw = await send(conn, target, request);
  }
  return { status: raw.status, body: decode(raw), warnings: parseWarningHeaders(warningHeaderValues(raw.rawHeaders)) };
}

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GuardAnswer } from './health';
import type { CellExecutor, CellRun } from './executor';
import { readJsonBody } from './http/body';
import { SECURITY_HEADERS, allowedHosts, checkHost, checkOrigin, corsHeaders, requestPath, type Refusal } from './http/checks';
import { rawRefusal } from './http/raw';
import { OutputStreamer } from './output-stream';
import { CELL_ACTIONS, type CapabilitiesInfo, type CellAction, type ClientMessage, type HealthInfo, type ServerMessage } from './protocol';
import type { CellRegistry } from './registry';
import { TicketStore } from './tickets';
import { Sessions } from './sessions';
import { bearerToken } from './token';

export interface AgentServerOptions {
  port: number;
  /** A session valid from the start, for clients that hold the token directly (tests, bench). */
  token?: string;
  /** Pairing code and sessions of this agent instance (default: a store with no pairing code). */
  sessions?: Sessions;
  origins: ReadonlySet<string>;
  allowEdited: boolean;
  /** Runs at once across all connections; more get `too-many-runs` (429). */
  maxConcurrentRuns: number;
  maxBodyBytes: number;
  maxMessageBytes: number;
  health: () => HealthInfo;
  /**
   * The guard, asked at the start of every run (never cached): loads the kubeconfig once and
   * judges it. An allowed answer carries the very target the run will use.
   */
  guard: () => GuardAnswer;
  /** What the cluster a run would use offers (`GET /v1/capabilities`, `?fresh=1` to look again). */
  capabilities?: (fresh: boolean) => Promise<CapabilitiesInfo>;
}

export interface AgentServerDeps {
  registry: CellRegistry;
  executor: CellExecutor;
}

const send = (res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void => {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
};

const refusalBody = (refusal: Refusal) => ({ error: { code: refusal.code, message: refusal.message } });

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

const BAD_PATH: Refusal = { status: 400, code: 'bad-path', message: '요청 경로가 올바르지 않습니다.' };

/**
 * The agent's HTTP + WebSocket server. Every request passes, in order: Host
 * (DNS rebinding), Origin, token, method, and only then is a body read. Nothing
 * here echoes internal errors: answers are JSON with a code and a Korean message.
 */
export function createAgentServer(options: AgentServerOptions, deps: AgentServerDeps): http.Server {
  const hosts = allowedHosts(options.port);
  const tickets = new TicketStore();
  const sessions = options.sessions ?? new Sessions(undefined);
  if (options.token) sessions.issue(options.token);
  const running = new Set<CellRun>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });

  const preflight = (req: IncomingMessage): Refusal | undefined =>
    checkHost(req.headers, hosts) ?? checkOrigin(req.headers, options.origins);

  const server = http.createServer((req, res) => {
    // A reset mid-answer must not become an uncaught 'error' event (the agent's end).
    req.on('error', () => req.destroy());
    res.on('error', () => res.destroy());
    const cors = corsHeaders(req.headers.origin, options.origins);
    const refusal = preflight(req);
    if (refusal) return send(res, refusal.status, refusalBody(refusal), cors);
    const url = requestPath(req.url);
    if (!url) return send(res, 400, refusalBody(BAD_PATH), { ...cors, Connection: 'close' });

    if (req.method === 'OPTIONS') {
      // Chrome's Private Network Access preflight: answered only for allowed origins (checked above).
      const pna = req.headers['access-control-request-private-network'] === 'true' ? { 'Access-Control-Allow-Private-Network': 'true' } : {};
      res.writeHead(204, { ...SECURITY_HEADERS, ...cors, ...pna });
      return res.end();
    }
    if (url.pathname === '/v1/hello' && req.method === 'GET') {
      // Unauthenticated by design: the page checks the proof before it sends its token anywhere.
      return send(res, 200, { instance: sessions.instance, proof: sessions.proof(url.searchParams.get('id'), url.searchParams.get('nonce')) ?? null }, cors);
    }
    if (url.pathname === '/v1/pair' && req.method === 'POST') {
      return void readJsonBody(req, 4 * 1024).then((body) => {
        if (!body.ok) return send(res, body.refusal.status, refusalBody(body.refusal), { ...cors, Connection: 'close' });
        const token = sessions.exchange((body.value as { code?: unknown } | null)?.code);
        if (!token) {
          return send(
            res,
            401,
            refusalBody({ status: 401, code: 'bad-pairing-code', message: '연결 코드가 틀렸거나 이미 쓰였습니다. 에이전트를 다시 시작하고 새로 출력된 연결 링크를 여세요.' }),
            cors,
          );
        }
        send(res, 200, { token, instance: sessions.instance }, cors);
      });
    }
    if (!sessions.valid(bearerToken(req.headers.authorization))) {
      return send(res, 401, refusalBody({ status: 401, code: 'unauthorized', message: '에이전트와 연결(페어링)되지 않았습니다. 에이전트가 출력한 연결 링크를 여세요.' }), cors);
    }
    if (url.pathname === '/v1/health' && req.method === 'GET') return send(res, 200, { ...options.health(), instance: sessions.instance }, cors);
    if (url.pathname === '/v1/capabilities' && req.method === 'GET') {
      // Not part of health: looking at the cluster takes several API requests, and health must stay instant.
      const ask = options.capabilities ?? (async (): Promise<CapabilitiesInfo> => ({ context: null, capabilities: null }));
      return void ask(url.searchParams.get('fresh') === '1')
        .catch((): CapabilitiesInfo => ({ context: null, capabilities: null, reason: '클러스터가 무엇을 제공하는지 확인하는 중 에이전트에서 오류가 났습니다.' }))
        .then((info) => send(res, 200, info, cors));
    }
    if (url.pathname === '/v1/ticket' && req.method === 'POST') {
      return void readJsonBody(req, options.maxBodyBytes).then((body) => {
        if (!body.ok) return send(res, body.refusal.status, refusalBody(body.refusal), { ...cors, Connection: 'close' });
        send(res, 200, { ticket: tickets.issue(), expiresInMs: 30_000 }, cors);
      });
    }
    const known = ['/v1/health', '/v1/capabilities', '/v1/ticket', '/v1/hello', '/v1/pair'].includes(url.pathname);
    return send(
      res,
      known ? 405 : 404,
      refusalBody({ status: known ? 405 : 404, code: known ? 'method-not-allowed' : 'not-found', message: known ? '허용되지 않는 메서드입니다.' : '없는 경로입니다.' }),
      cors,
    );
  });

  // Node answers unparsable requests itself, without our headers, unless we do it here.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(rawRefusal({ status, code: 'bad-request', message: '요청 형식이 올바르지 않습니다.' }));
  });
  // Once 'upgrade' fires, Node no longer watches the socket: a reset would be an uncaught error.
  server.on('connection', (socket: Duplex) => socket.on('error', () => socket.destroy()));
  wss.on('wsClientError', (_error: Error, socket: Duplex) => {
    if (socket.writable) socket.end(rawRefusal({ status: 400, code: 'bad-upgrade', message: 'WebSocket 연결 요청 형식이 올바르지 않습니다.' }));
    else socket.destroy();
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const reject = (refusal: Refusal): void => {
      if (socket.writable) socket.end(rawRefusal(refusal, corsHeaders(req.headers.origin, options.origins)));
      else socket.destroy();
    };
    const refusal = preflight(req);
    if (refusal) return reject(refusal);
    const url = requestPath(req.url);
    if (!url) return reject(BAD_PATH);
    if (url.pathname !== '/v1/stream') return reject({ status: 404, code: 'not-found', message: '없는 경로입니다.' });
    if (!tickets.consume(url.searchParams.get('ticket'))) {
      return reject({ status: 401, code: 'bad-ticket', message: '연결 티켓이 없거나 이미 쓰였거나 만료되었습니다. 페이지를 새로 고치세요.' });
    }
    wss.handleUpgrade(req, socket, head, (ws) => handleConnection(ws));
  });

  function handleConnection(ws: WebSocket): void {
    const mine = new Map<string, CellRun>();
    // Oversized or malformed frames (a pasted 300 KB manifest, invalid UTF-8) end this socket, not the agent.
    ws.on('error', () => ws.terminate());
    const emit = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const outlet = {
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
      get open() {
        return ws.readyState === ws.OPEN;
      },
      send: (data: string) => ws.send(data),
    };
    ws.on('message', (raw, isBinary) => {
      let message: ClientMessage;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(raw.toString()) as ClientMessage;
      } catch {
        return emit({ type: 'error', code: 'bad-json', message: '메시지가 올바른 JSON이 아닙니다.' });
      }
      if (typeof message !== 'object' || message === null || typeof message.requestId !== 'string' || !REQUEST_ID.test(message.requestId)) {
        return emit({ type: 'error', code: 'bad-request', message: '요청 형식이 올바르지 않습니다.' });
      }
      if (message.type === 'cancel') return mine.get(message.requestId)?.cancel();
      if (message.type !== 'run') return emit({ type: 'error', code: 'bad-request', message: '알 수 없는 요청입니다.' });
      startRun(message, mine, emit, outlet);
    });
    // A closed tab takes its runs with it, background cells included: no orphans.
    ws.on('close', () => {
      for (const run of mine.values()) run.cancel();
    });
  }

  function startRun(
    message: Extract<ClientMessage, { type: 'run' }>,
    mine: Map<string, CellRun>,
    emit: (m: ServerMessage) => void,
    outlet: ConstructorParameters<typeof OutputStreamer>[0],
  ): void {
    const { requestId } = message;
    const fail = (code: string, text: string): void => emit({ type: 'error', requestId, code, message: text });
    if (mine.has(requestId)) return fail('duplicate-request', '같은 requestId의 실행이 이미 있습니다.');
    const action: CellAction = message.action ?? 'run';
    if (!CELL_ACTIONS.includes(action)) return fail('bad-action', '알 수 없는 동작입니다.');
    const resolution = deps.registry.resolve(message, options.allowEdited);
    if (!resolution.ok) return fail(resolution.refusal.code, resolution.refusal.message);
    const { entry, source } = resolution;
    if ((entry.cell.kind === 'shell') !== (action === 'run')) {
      return fail('bad-action', entry.cell.kind === 'shell' ? '셸 셀은 실행(run)만 할 수 있습니다.' : '매니페스트 셀은 apply, dry-run, diff, delete 중 하나로 실행합니다.');
    }
    if (running.size >= options.maxConcurrentRuns) {
      return fail('too-many-runs', `동시에 실행할 수 있는 셀은 ${options.maxConcurrentRuns}개입니다. 실행 중인 셀이 끝난 뒤 다시 시도하세요.`);
    }
    // Judged last, right before the start, on a fresh read of the kubeconfig: that object is the run's target.
    const guard = options.guard();
    if (!guard.allowed) return fail('context-not-allowed', guard.reason);
    const output = new OutputStreamer(outlet, requestId);
    const run = deps.executor.start(entry, source, action, { onOutput: (stream, data) => output.push(stream, data) }, guard.target);
    output.attach(run);
    running.add(run);
    mine.set(requestId, run);
    emit({ type: 'accepted', requestId });
    run.result
      .catch((): { status: 'error'; durationMs: number; message: string } => ({ status: 'error', durationMs: 0, message: '셀을 실행하는 중 에이전트에서 오류가 났습니다.' }))
      .then((outcome) => {
        running.delete(run);
        mine.delete(requestId);
        output.flush();
        output.dispose();
        emit({ type: 'done', requestId, outcome });
      });
  }

  // http.Server's 'close' event only fires once every connection has ended, and an open
  // page keeps its WebSocket forever: the runs and sockets must go first, then the server.
  const closeServer = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    for (const run of running) run.cancel();
    for (const client of wss.clients) client.terminate();
    return closeServer(callback);
  }) as typeof server.close;
  // Keep-alive sockets would hold close() open; agent shutdown must be prompt.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

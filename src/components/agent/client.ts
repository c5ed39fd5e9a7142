import type { CapabilitiesInfo, CellAction, ClientMessage, HealthInfo, RunOutcome, ServerMessage } from '../../agent/protocol';
import { savePairing, sessionFor, type Pairing } from './pairing';

export type AgentState =
  | { kind: 'unpaired' }
  | { kind: 'connecting' }
  | { kind: 'offline'; message: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'connected'; health: HealthInfo };

export interface RunCallbacks {
  onOutput(stream: 'stdout' | 'stderr', data: string): void;
  onDone(outcome: RunOutcome): void;
  onError(code: string, message: string): void;
}

export interface RunRequest {
  id: string;
  hash: string;
  source?: string;
  action: CellAction;
}

const UNAUTHORIZED = '에이전트가 이 페이지의 연결을 모릅니다. 에이전트를 다시 시작했다면 새로 출력된 연결 링크를 여세요.';

/** Thrown when the page will not (or cannot) use its session with the agent on the port. */
class PairingRefused extends Error {}

const base64url = (bytes: ArrayBuffer | Uint8Array): string => {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

function defaultStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The page's side of the agent protocol: health over HTTP with the bearer token,
 * runs over one WebSocket opened with a one-use ticket. Reconnects lazily: the
 * socket is opened on the first run and again after it closes.
 *
 * Before the token leaves the page the client makes sure of the agent: a link's one-time code is
 * traded for a session (POST /v1/pair, stored in place of the code), and the agent must prove it
 * holds that session (GET /v1/hello: HMAC of a fresh nonce keyed by the token). A restarted agent
 * or another program on the port cannot, and the page then asks for a new link instead of sending
 * the token.
 */
export class AgentClient {
  private socket?: WebSocket;
  private opening?: Promise<WebSocket>;
  private readonly runs = new Map<string, RunCallbacks>();
  private counter = 0;
  private pairing: Pairing;
  private proven = false;
  private proving?: Promise<void>;

  constructor(
    pairing: Pairing,
    private readonly storage: Storage | undefined = defaultStorage(),
  ) {
    this.pairing = { ...pairing };
  }

  private headers(): HeadersInit {
    return { Authorization: `Bearer ${this.pairing.token}` };
  }

  /** A session of this agent instance, proven; throws PairingRefused, or a network error. */
  private ensureSession(): Promise<void> {
    if (this.proven) return Promise.resolve();
    this.proving ??= this.establish().finally(() => {
      this.proving = undefined;
    });
    return this.proving;
  }

  private async establish(): Promise<void> {
    if (this.pairing.code) {
      // The same link opened again: the session its first opening got is in storage.
      const stored = this.storage ? sessionFor(this.storage, this.pairing.agentUrl, this.pairing.instance) : undefined;
      if (stored) {
        this.pairing = stored;
      } else {
        const response = await fetch(`${this.pairing.agentUrl}/v1/pair`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ code: this.pairing.token }),
          cache: 'no-store',
        });
        if (!response.ok) throw new PairingRefused('연결 링크의 코드가 이미 쓰였거나 이 에이전트의 것이 아닙니다. 에이전트가 새로 출력한 연결 링크를 여세요.');
        const session = (await response.json()) as { token: string; instance: string };
        if (this.pairing.instance && session.instance !== this.pairing.instance) throw new PairingRefused(UNAUTHORIZED);
        this.pairing = { agentUrl: this.pairing.agentUrl, token: session.token, instance: session.instance };
        if (this.storage) savePairing(this.storage, this.pairing);
      }
    }
    await this.prove();
    this.proven = true;
  }

  /** The agent on the port shows that it holds our session before we send it anything secret. */
  private async prove(): Promise<void> {
    const subtle = globalThis.crypto?.subtle;
    const encoder = new TextEncoder();
    const nonce = base64url(globalThis.crypto.getRandomValues(new Uint8Array(24)));
    const id = subtle ? base64url(await subtle.digest('SHA-256', encoder.encode(this.pairing.token))) : '';
    const response = await fetch(`${this.pairing.agentUrl}/v1/hello?id=${id}&nonce=${nonce}`, { cache: 'no-store' });
    if (!response.ok) throw new PairingRefused(UNAUTHORIZED);
    const hello = (await response.json()) as { instance?: string; proof?: string | null };
    if (this.pairing.instance && hello.instance !== this.pairing.instance) throw new PairingRefused(UNAUTHORIZED);
    // Without WebCrypto (a page on a non-secure origin) only the instance id can be compared.
    if (!subtle) return;
    const key = await subtle.importKey('raw', encoder.encode(this.pairing.token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = base64url(await subtle.sign('HMAC', key, encoder.encode(`${hello.instance ?? ''}:${nonce}`)));
    if (hello.proof !== expected) throw new PairingRefused(UNAUTHORIZED);
  }

  async health(signal?: AbortSignal): Promise<AgentState> {
    try {
      await this.ensureSession();
    } catch (error) {
      if (error instanceof PairingRefused) return { kind: 'unauthorized', message: error.message };
      return { kind: 'offline', message: '에이전트가 실행 중이 아닙니다. 저장소에서 `npm run agent`(또는 `npm start`)를 실행하세요.' };
    }
    try {
      const response = await fetch(`${this.pairing.agentUrl}/v1/health`, { headers: this.headers(), signal, cache: 'no-store' });
      if (response.status === 401) {
        this.proven = false;
        return { kind: 'unauthorized', message: UNAUTHORIZED };
      }
      if (!response.ok) return { kind: 'offline', message: `에이전트가 오류로 응답했습니다 (HTTP ${response.status}).` };
      return { kind: 'connected', health: (await response.json()) as HealthInfo };
    } catch {
      // Whatever answers on the port next must prove itself again.
      this.proven = false;
      return { kind: 'offline', message: '에이전트가 실행 중이 아닙니다. 저장소에서 `npm run agent`(또는 `npm start`)를 실행하세요.' };
    }
  }

  /**
   * What the cluster a run would use offers (`needs=`), or undefined when that is not known: no session,
   * an agent that does not look (older versions answer 404), a network error. Unknown says nothing on the page.
   */
  async capabilities(options: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<CapabilitiesInfo | undefined> {
    try {
      await this.ensureSession();
      const response = await fetch(`${this.pairing.agentUrl}/v1/capabilities${options.fresh ? '?fresh=1' : ''}`, {
        headers: this.headers(),
        signal: options.signal,
        cache: 'no-store',
      });
      return response.ok ? ((await response.json()) as CapabilitiesInfo) : undefined;
    } catch {
      return undefined;
    }
  }

  private async open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return this.socket;
    if (this.opening) return this.opening;
    this.opening = (async () => {
      try {
        await this.ensureSession();
      } catch (error) {
        throw new Error(error instanceof PairingRefused ? 'unauthorized' : 'offline');
      }
      const response = await fetch(`${this.pairing.agentUrl}/v1/ticket`, {
        method: 'POST',
        headers: { ...this.headers(), 'Content-Type': 'application/json' },
        body: '{}',
      });
      if (!response.ok) throw new Error(response.status === 401 ? 'unauthorized' : `ticket ${response.status}`);
      const { ticket } = (await response.json()) as { ticket: string };
      const url = `${this.pairing.agentUrl.replace(/^http/, 'ws')}/v1/stream?ticket=${encodeURIComponent(ticket)}`;
      const socket = new WebSocket(url);
      await new Promise<void>((resolve, reject) => {
        socket.addEventListener('open', () => resolve(), { once: true });
        socket.addEventListener('error', () => reject(new Error('socket')), { once: true });
      });
      socket.addEventListener('message', (event) => this.dispatch(JSON.parse(String(event.data)) as ServerMessage));
      socket.addEventListener('close', () => {
        for (const callbacks of this.runs.values()) callbacks.onError('disconnected', '에이전트와의 연결이 끊겼습니다. 에이전트가 실행 중인지 확인하세요.');
        this.runs.clear();
        this.socket = undefined;
      });
      this.socket = socket;
      return socket;
    })().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private dispatch(message: ServerMessage): void {
    const callbacks = message.requestId ? this.runs.get(message.requestId) : undefined;
    if (!callbacks) return;
    switch (message.type) {
      case 'output':
        callbacks.onOutput(message.stream, message.data);
        break;
      case 'done':
        this.runs.delete(message.requestId);
        callbacks.onDone(message.outcome);
        break;
      case 'error':
        this.runs.delete(message.requestId!);
        callbacks.onError(message.code, message.message);
        break;
      default:
        break;
    }
  }

  /** Starts a run; returns a cancel function. */
  async run(request: RunRequest, callbacks: RunCallbacks): Promise<() => void> {
    this.counter += 1;
    const requestId = `r${Date.now().toString(36)}${this.counter}`;
    let socket: WebSocket;
    try {
      socket = await this.open();
    } catch (error) {
      callbacks.onError(
        (error as Error).message === 'unauthorized' ? 'unauthorized' : 'offline',
        (error as Error).message === 'unauthorized'
          ? '에이전트와 연결(페어링)되지 않았습니다. 에이전트가 출력한 연결 링크를 여세요.'
          : '에이전트에 연결하지 못했습니다. `npm run agent`가 실행 중인지 확인하세요.',
      );
      return () => undefined;
    }
    this.runs.set(requestId, callbacks);
    const message: ClientMessage = { type: 'run', requestId, ...request };
    socket.send(JSON.stringify(message));
    return () => {
      const cancel: ClientMessage = { type: 'cancel', requestId };
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(cancel));
    };
  }

  close(): void {
    this.socket?.close();
  }
}

import type { CellAction, ClientMessage, HealthInfo, RunOutcome, ServerMessage } from '../../agent/protocol';
import type { Pairing } from './pairing';

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

/**
 * The page's side of the agent protocol: health over HTTP with the bearer token,
 * runs over one WebSocket opened with a one-use ticket. Reconnects lazily: the
 * socket is opened on the first run and again after it closes.
 */
export class AgentClient {
  private socket?: WebSocket;
  private opening?: Promise<WebSocket>;
  private readonly runs = new Map<string, RunCallbacks>();
  private counter = 0;

  constructor(private readonly pairing: Pairing) {}

  private headers(): HeadersInit {
    return { Authorization: `Bearer ${this.pairing.token}` };
  }

  async health(signal?: AbortSignal): Promise<AgentState> {
    try {
      const response = await fetch(`${this.pairing.agentUrl}/v1/health`, { headers: this.headers(), signal, cache: 'no-store' });
      if (response.status === 401) {
        return { kind: 'unauthorized', message: '에이전트가 이 페이지의 연결 토큰을 모릅니다. 에이전트를 다시 시작했다면 새로 출력된 연결 링크를 여세요.' };
      }
      if (!response.ok) return { kind: 'offline', message: `에이전트가 오류로 응답했습니다 (HTTP ${response.status}).` };
      return { kind: 'connected', health: (await response.json()) as HealthInfo };
    } catch {
      return { kind: 'offline', message: '에이전트가 실행 중이 아닙니다. 저장소에서 `npm run agent`(또는 `npm start`)를 실행하세요.' };
    }
  }

  private async open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return this.socket;
    if (this.opening) return this.opening;
    this.opening = (async () => {
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

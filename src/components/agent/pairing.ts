/**
 * Where the page keeps its pairing with the local agent (localStorage).
 *
 * The agent's link carries a one-time pairing code and the agent's instance id, not a
 * credential. The page trades the code once for a session token of that agent instance
 * (client.ts), and only the session is kept. A session dies with the agent process, so a
 * token left in this origin's storage is useless to whatever is served on the port later
 * once the agent has restarted (the connect page says what remains).
 */
export interface Pairing {
  agentUrl: string;
  /** The session token, or (with `code: true`) the link's one-time pairing code not yet traded. */
  token: string;
  /** The agent instance the token belongs to; the page checks it before it sends the token. */
  instance?: string;
  /** True while `token` is still the link's one-time code. */
  code?: boolean;
}

const KEY = 'k8s-course.agent';
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;
const SECRET = /^[A-Za-z0-9_-]{20,200}$/;

/** Reads `#agent=...&code=...&instance=...` from a pairing link; only loopback agents are accepted. */
export function pairingFromHash(hash: string): Pairing | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('code');
  const instance = params.get('instance') ?? undefined;
  const agentUrl = params.get('agent') ?? 'http://127.0.0.1:7777';
  if (!code || !SECRET.test(code) || !LOOPBACK.test(agentUrl) || (instance !== undefined && !SECRET.test(instance))) return undefined;
  return { agentUrl, token: code, instance, code: true };
}

export function loadPairing(storage: Pick<Storage, 'getItem'>): Pairing | undefined {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Pairing> | null;
    if (value && typeof value.token === 'string' && typeof value.agentUrl === 'string' && LOOPBACK.test(value.agentUrl)) {
      return {
        agentUrl: value.agentUrl,
        token: value.token,
        instance: typeof value.instance === 'string' ? value.instance : undefined,
        code: value.code === true ? true : undefined,
      };
    }
  } catch {
    // A corrupt entry is the same as none: the reader pairs again.
  }
  return undefined;
}

const SESSIONS_KEY = 'k8s-course.agent.sessions';
/** Sessions remembered per agent instance, newest last; a few are enough (agents on other ports). */
const MAX_SESSIONS = 4;

type SessionMap = Record<string, { agentUrl: string; token: string }>;

function readSessions(storage: Pick<Storage, 'getItem'>): SessionMap {
  try {
    const value = JSON.parse(storage.getItem(SESSIONS_KEY) ?? '{}') as SessionMap;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** The session this browser already traded a code of `instance` for, if it still has it. */
export function sessionFor(storage: Pick<Storage, 'getItem'>, agentUrl: string, instance: string | undefined): Pairing | undefined {
  if (!instance) return undefined;
  const session = readSessions(storage)[instance];
  if (!session || session.agentUrl !== agentUrl || typeof session.token !== 'string') return undefined;
  return { agentUrl, token: session.token, instance };
}

/**
 * Stores a pairing. A link opened again (its code is spent) while this browser holds a session of
 * that agent instance stores that session instead, so re-opening a link never loses the pairing.
 */
export function savePairing(storage: Pick<Storage, 'setItem'> & Partial<Pick<Storage, 'getItem'>>, pairing: Pairing): void {
  const readable = storage.getItem ? (storage as Pick<Storage, 'getItem'>) : undefined;
  let chosen = pairing;
  if (pairing.code && readable) chosen = sessionFor(readable, pairing.agentUrl, pairing.instance) ?? pairing;
  storage.setItem(KEY, JSON.stringify(chosen));
  if (!chosen.code && chosen.instance && readable) {
    const sessions = readSessions(readable);
    delete sessions[chosen.instance];
    sessions[chosen.instance] = { agentUrl: chosen.agentUrl, token: chosen.token };
    const kept = Object.entries(sessions).slice(-MAX_SESSIONS);
    storage.setItem(SESSIONS_KEY, JSON.stringify(Object.fromEntries(kept)));
  }
}

export function clearPairing(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
  storage.removeItem(SESSIONS_KEY);
}

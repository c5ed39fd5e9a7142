/** Where the page keeps its pairing with the local agent (localStorage). */
export interface Pairing {
  agentUrl: string;
  token: string;
}

const KEY = 'k8s-course.agent';
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

/** Reads `#agent=...&token=...` from a pairing link; only loopback agents are accepted. */
export function pairingFromHash(hash: string): Pairing | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  const agentUrl = params.get('agent') ?? 'http://127.0.0.1:7777';
  if (!token || !/^[A-Za-z0-9_-]{20,200}$/.test(token) || !LOOPBACK.test(agentUrl)) return undefined;
  return { agentUrl, token };
}

export function loadPairing(storage: Pick<Storage, 'getItem'>): Pairing | undefined {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Pairing> | null;
    if (value && typeof value.token === 'string' && typeof value.agentUrl === 'string' && LOOPBACK.test(value.agentUrl)) {
      return { agentUrl: value.agentUrl, token: value.token };
    }
  } catch {
    // A corrupt entry is the same as none: the reader pairs again.
  }
  return undefined;
}

export function savePairing(storage: Pick<Storage, 'setItem'>, pairing: Pairing): void {
  storage.setItem(KEY, JSON.stringify(pairing));
}

export function clearPairing(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
}

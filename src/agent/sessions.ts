import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createToken } from './token';

/** How long a paired page's session lasts at most; it ends earlier when the agent stops. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const digest = (value: string): string => createHash('sha256').update(value).digest('base64url');

/**
 * Pairing and sessions, bound to one run of the agent (its instance id).
 *
 * The printed link carries a one-time pairing code, not a credential: the page trades it once
 * for a session token (POST /v1/pair), and the code is worthless afterwards. Sessions live only
 * in this process, so a token that a page left in localStorage is dead once the agent restarts,
 * and at the latest after SESSION_TTL_MS. Before it sends its token, a page asks the agent to
 * prove that it holds that token (GET /v1/hello: an HMAC of the page's nonce keyed by the
 * token), so a different program listening on the agent's port later learns nothing.
 */
export class Sessions {
  readonly instance = randomBytes(16).toString('base64url');
  private code: string | undefined;
  /** sha256(token) -> expiry; the tokens themselves are not kept. */
  private readonly sessions = new Map<string, { token: string; expires: number }>();

  constructor(
    pairingCode: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.code = pairingCode;
  }

  /** Trades the pairing code for a new session token, once; undefined for any other code or a second use. */
  exchange(code: unknown): string | undefined {
    if (typeof code !== 'string' || this.code === undefined) return undefined;
    const a = createHash('sha256').update(this.code).digest();
    const b = createHash('sha256').update(code).digest();
    if (!timingSafeEqual(a, b)) return undefined;
    this.code = undefined;
    return this.issue();
  }

  /** A session from the start (non-browser clients and tests that hold the token directly). */
  issue(token = createToken()): string {
    this.sessions.set(digest(token), { token, expires: this.now() + SESSION_TTL_MS });
    return token;
  }

  valid(token: string | undefined): boolean {
    if (token === undefined) return false;
    const session = this.sessions.get(digest(token));
    if (!session) return false;
    if (session.expires < this.now()) {
      this.sessions.delete(digest(token));
      return false;
    }
    return true;
  }

  /**
   * The agent's proof that it holds the token whose sha256 (base64url) is `id`: HMAC-SHA256 of
   * `instance:nonce` keyed by the token. Undefined when no such session exists.
   */
  proof(id: string | null, nonce: string | null): string | undefined {
    if (!id || !nonce || !/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) return undefined;
    const session = this.sessions.get(id);
    if (!session || session.expires < this.now()) return undefined;
    return createHmac('sha256', session.token).update(`${this.instance}:${nonce}`).digest('base64url');
  }
}

import { randomBytes } from 'node:crypto';

/**
 * One-use, short-lived WebSocket tickets. Browsers cannot set an Authorization
 * header on a WebSocket, so an authenticated POST trades the token for a ticket
 * that is worthless after its first use or a few seconds.
 */
export class TicketStore {
  private readonly tickets = new Map<string, number>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): string {
    this.sweep();
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, this.now() + this.ttlMs);
    return ticket;
  }

  /** True once per valid ticket; the ticket is gone afterwards either way. */
  consume(ticket: string | undefined | null): boolean {
    if (!ticket) return false;
    const expires = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return expires !== undefined && expires >= this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, expires] of this.tickets) if (expires < now) this.tickets.delete(ticket);
  }
}

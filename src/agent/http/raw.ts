import { STATUS_CODES } from 'node:http';
import { SECURITY_HEADERS, type Refusal } from './checks';

/**
 * A complete HTTP/1.1 answer as bytes, for sockets that no longer have a ServerResponse
 * (refused upgrades, requests Node could not parse): the same security headers and JSON
 * error body as every other answer of the agent.
 */
export function rawRefusal(refusal: Refusal, extra: Record<string, string> = {}): string {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  const headers = {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

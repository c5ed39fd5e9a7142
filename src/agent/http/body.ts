import type { IncomingMessage } from 'node:http';
import type { Refusal } from './checks';

/**
 * Reads a JSON body of at most `limit` bytes. A declared Content-Length over the
 * limit is refused before a byte is read; an undeclared (chunked) body is counted
 * and abandoned as soon as it passes the limit, so nothing large is ever buffered.
 */
export type BodyResult = { ok: true; value: unknown } | { ok: false; refusal: Refusal };

export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const tooLarge: Refusal = { status: 413, code: 'body-too-large', message: `요청 본문이 너무 큽니다 (최대 ${limit} 바이트).` };
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json(;|$)/i.test(type)) {
    return Promise.resolve({ ok: false, refusal: { status: 415, code: 'not-json', message: '요청 본문은 application/json이어야 합니다.' } });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, refusal: tooLarge });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        settle({ ok: false, refusal: tooLarge });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        settle({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        settle({ ok: false, refusal: { status: 400, code: 'bad-json', message: '요청 본문이 올바른 JSON이 아닙니다.' } });
      }
    });
    req.on('error', () => settle({ ok: false, refusal: { status: 400, code: 'bad-request', message: '요청을 읽지 못했습니다.' } }));
  });
}

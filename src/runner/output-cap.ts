import { StringDecoder } from 'node:string_decoder';
import type { OutputListener, OutputStream } from './types';

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

export function truncationMarker(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MiB` : `${Math.round(maxBytes / 1024)} KiB`;
  return `\n[출력이 ${size}를 넘어 나머지는 생략했습니다. 명령은 계속 실행됩니다. 전체 출력이 필요하면 파일로 저장하거나 (예: > out.txt) | head, --tail로 줄이세요.]\n`;
}

/**
 * Collects a process's stdout and stderr in arrival order up to `maxBytes` (counted on the raw
 * bytes, shared by both streams), then emits one truncation marker and discards the rest. The
 * caller keeps reading the pipes after the cap so the child never blocks on a full pipe.
 */
export class OutputCollector {
  private readonly parts: string[] = [];
  private used = 0;
  private capped = false;
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(
    private readonly maxBytes: number = DEFAULT_MAX_OUTPUT_BYTES,
    private readonly listener?: OutputListener,
  ) {}

  get truncated(): boolean {
    return this.capped;
  }

  get text(): string {
    return this.parts.join('');
  }

  push(stream: Exclude<OutputStream, 'notice'>, chunk: Buffer): void {
    if (this.capped) return;
    const room = this.maxBytes - this.used;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.used += kept.length;
    // The decoder holds back a multi-byte character split across chunks (or cut by the cap).
    const text = this.decoders[stream].write(kept);
    if (text) this.emit(stream, text);
    if (kept.length < chunk.length) {
      this.capped = true;
      this.emit('notice', truncationMarker(this.maxBytes));
    }
  }

  /** Adds a runner line (not counted against the cap: the reader must always see it). */
  notice(text: string): void {
    this.emit('notice', text);
  }

  private emit(stream: OutputStream, text: string): void {
    this.parts.push(text);
    this.listener?.({ stream, text });
  }
}

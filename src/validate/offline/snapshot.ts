import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { OpenApiSnapshot } from './snapshot-format';

export const SNAPSHOT_URL = new URL('../openapi/kubernetes.json.gz', import.meta.url);

let cached: OpenApiSnapshot | undefined;
let bytes: Buffer | undefined;

/** The compressed snapshot as stored: what compiled validators are keyed by. */
export function snapshotBytes(): Buffer {
  bytes ??= readFileSync(SNAPSHOT_URL);
  return bytes;
}

/** The committed snapshot, read once per process. */
export function loadSnapshot(): OpenApiSnapshot {
  if (!cached) {
    try {
      cached = JSON.parse(gunzipSync(snapshotBytes()).toString('utf8')) as OpenApiSnapshot;
    } catch (error) {
      throw new Error(
        `오프라인 검증용 OpenAPI 스냅숏(src/validate/openapi/kubernetes.json.gz)을 읽을 수 없습니다: ${(error as Error).message}. ` +
          '로컬 클러스터를 띄우고 `npx tsx scripts/validate/snapshot-openapi.ts`로 다시 만드세요.',
      );
    }
  }
  return cached;
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

/** Where rendered SVGs are kept between builds; K8S_COURSE_DIAGRAM_CACHE moves it. */
export function defaultCacheDir(): string {
  return process.env.K8S_COURSE_DIAGRAM_CACHE ?? path.join(os.homedir(), '.cache', 'k8s-course', 'diagrams');
}

/** A file per rendered SVG, named by everything that changes the output. */
export class DiagramCache {
  constructor(private readonly dir: string) {}

  key(parts: string[]): string {
    return createHash('sha256').update(parts.join('\0')).digest('hex');
  }

  get(key: string): string | undefined {
    try {
      return readFileSync(path.join(this.dir, `${key}.svg`), 'utf8');
    } catch {
      return undefined;
    }
  }

  set(key: string, svg: string): void {
    mkdirSync(this.dir, { recursive: true });
    // Write then rename: two build processes sharing the cache never read half a file.
    const file = path.join(this.dir, `${key}.svg`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, svg);
    renameSync(temporary, file);
  }
}

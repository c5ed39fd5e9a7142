import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type { Ajv, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

/**
 * Compiling a kind's schema costs 50 ms to 2 s (PodSpec, the Prometheus CRD); running it
 * costs microseconds. Compiled validators are kept as ajv standalone modules in the user's
 * cache directory, keyed by the snapshot and ajv version, so only the first run of a
 * machine pays. Any cache failure (read-only home) just means compiling again.
 */
const RECIPE = 'strict-2 quantity';
const require = createRequire(import.meta.url);
const ajvVersion = (require('ajv/package.json') as { version: string }).version;

export class CompiledCache {
  private readonly dir: string | undefined;

  constructor(snapshotBytes: Buffer) {
    const key = createHash('sha256').update(RECIPE).update(ajvVersion).update(snapshotBytes).digest('hex').slice(0, 16);
    // K8S_COURSE_VALIDATOR_CACHE: another directory, or `off`.
    const setting = process.env.K8S_COURSE_VALIDATOR_CACHE;
    const base = setting || path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'k8s-course', 'validator');
    this.dir = setting === 'off' ? undefined : path.join(base, key);
  }

  private file(id: string): string | undefined {
    return this.dir && path.join(this.dir, `${createHash('sha256').update(id).digest('hex').slice(0, 24)}.cjs`);
  }

  /** Scripts loaded without (or with stale) V8 code cache: written by saveCodeCache(). */
  private readonly uncached: Array<{ script: vm.Script; file: string }> = [];

  load(id: string): ValidateFunction | undefined {
    const file = this.file(id);
    if (!file) return undefined;
    let code: string;
    try {
      code = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    // The modules are large (a workload kind carries all of PodSpec): parsing them and compiling
    // their functions on first call was most of a first run's time. V8's code cache, saved after a
    // run (so it holds the functions that run compiled), lets the next process skip both.
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(`${file}.v8`);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(`(function (require, module, exports) {${code}\n})`, { filename: file, cachedData });
    if (!cachedData || script.cachedDataRejected) this.uncached.push({ script, file });
    const module = { exports: {} as { default?: ValidateFunction } };
    (script.runInThisContext() as (r: NodeJS.Require, m: typeof module, e: typeof module.exports) => void)(require, module, module.exports);
    return module.exports.default ?? (module.exports as unknown as ValidateFunction);
  }

  /** After a run: V8 code cache of the modules loaded without one, for the next process. */
  saveCodeCache(): void {
    for (const { script, file } of this.uncached.splice(0)) {
      try {
        const temp = `${file}.v8.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, `${file}.v8`);
      } catch {
        // Unwritable cache: the next run compiles again.
      }
    }
  }

  store(id: string, ajv: Ajv, validate: ValidateFunction): void {
    const file = this.file(id);
    if (!file) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, standaloneCode(ajv, validate));
      renameSync(temp, file);
    } catch {
      // Unwritable cache: validation works the same, only slower next time.
    }
  }
}

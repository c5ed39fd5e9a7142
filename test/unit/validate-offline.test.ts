/**
 * Offline mode on the validator fixtures: the committed OpenAPI snapshot plus the
 * content's CRDs, no cluster. The cluster-mode suite checks that both modes agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { validateContent, validateParsed, type ValidationReport } from '../../src/validate';
import { pointerToField } from '../../src/validate/offline/errors';
import { FIXTURES, lineAfter, lineOf, resultFor, SHARED_VERDICTS } from '../fixtures/validate/helpers';

let report: ValidationReport;

beforeAll(async () => {
  report = await validateContent(process.cwd(), [FIXTURES], { mode: 'offline' });
}, 60_000);

describe('validator, offline mode', () => {
  it('gives the shared verdicts', () => {
    for (const [fixture, kind, name, status] of SHARED_VERDICTS) {
      expect(resultFor(report, fixture, kind, name).status, `${fixture} ${kind}/${name}`).toBe(status);
    }
  });

  it('rejects unknown fields at their line, all of them at once', () => {
    const r = resultFor(report, 'unknown-field.md', 'Deployment', 'typo');
    expect(r.locations.map((l) => [l.field, l.line])).toEqual([
      ['spec.replica', lineOf('unknown-field.md', 'replica: 3')],
      ['spec.template.spec.containers[0].imagePullPolcy', lineOf('unknown-field.md', 'imagePullPolcy')],
    ]);
    expect(r.messages[0]).toContain('알 수 없는 필드');
    expect(r.messages[0]).toContain('unknown field "spec.replica"');
  });

  it('rejects wrong types, CRD schema violations and bad names with the line', () => {
    expect(resultFor(report, 'wrong-type.md', 'Deployment', 'types')).toMatchObject({ line: lineOf('wrong-type.md', 'replicas: "three"') });
    const badEnum = resultFor(report, 'crd.md', 'Scaler', 'bad-enum');
    expect(badEnum).toMatchObject({ status: 'invalid', line: lineOf('crd.md', 'mode: Sometimes') });
    expect(badEnum.messages[0]).toContain('Unsupported value: "Sometimes"');
    expect(resultFor(report, 'crd.md', 'Scaler', 'bad-field').line).toBe(lineOf('crd.md', 'maxReplica: 4'));
    expect(resultFor(report, 'invalid-values.md', 'ConfigMap', 'Bad_Name').line).toBe(lineOf('invalid-values.md', 'name: Bad_Name'));
    expect(resultFor(report, 'invalid-values.md', 'ConfigMap', 'bad-label').line).toBe(lineAfter('invalid-values.md', 'labels:', 'tier:'));
  });

  it('leaves what only the API server knows to cluster mode, and says so', () => {
    // CEL, selector/template agreement, port ranges are server-side checks.
    expect(resultFor(report, 'crd.md', 'Scaler', 'bad-cel').status).toBe('valid');
    expect(resultFor(report, 'invalid-values.md', 'Deployment', 'mismatch').status).toBe('valid');
    expect(report.notes.join(' ')).toMatch(/클러스터 모드.*에서만 확인됩니다.*CEL.*어드미션/);
    expect(report.against).toMatch(/OpenAPI 스냅숏 \(Kubernetes v1\.\d+\.\d+/);
  });

  it('names the group of a CRD it does not know', () => {
    expect(resultFor(report, 'missing-crd.md', 'Widget', 'lonely').messages[0]).toContain('widgets.example.invalid 그룹의 CRD');
  });
});

describe('quantities offline', () => {
  // The schema says "string or number"; the API server refuses what it cannot parse, and so must offline mode.
  const page = (quantities: string): string => `\`\`\`yaml
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        ${quantities}
\`\`\`
`;
  const check = async (quantities: string): Promise<ValidationReport> =>
    validateParsed([parseCellsFromMarkdown(page(quantities), 'q.md')], { mode: 'offline' });

  it('rejects quantities the server cannot parse, at their line, with the server wording', async () => {
    const report = await check('limits: {memory: 64MB, cpu: half}');
    const [result] = report.results;
    expect(result).toMatchObject({ status: 'invalid', line: 11 });
    expect(result!.locations.map((l) => l.field).sort()).toEqual(['spec.containers[0].resources.limits.cpu', 'spec.containers[0].resources.limits.memory']);
    expect(result!.messages.join('\n')).toContain('수량 형식이 틀렸습니다');
    expect(result!.messages.join('\n')).toContain('"64MB": quantities must match the regular expression');
  });

  it('accepts every form the server parses', async () => {
    const report = await check('requests: {cpu: 500m, memory: 64Mi, ephemeral-storage: 1e3, nvidia.com/gpu: 1, example.com/x: "0.5", example.com/y: .5, example.com/z: 2E-2, example.com/k: +1k}');
    expect(report.results[0]!.messages).toEqual([]);
    expect(report.results[0]!.status).toBe('valid');
  });
});

describe('JSON pointers', () => {
  it('become API field paths', () => {
    expect(pointerToField('/spec/template/spec/containers/0/image')).toBe('spec.template.spec.containers[0].image');
    expect(pointerToField('/metadata/labels/app.kubernetes.io~1name')).toBe('metadata.labels[app.kubernetes.io/name]');
    expect(pointerToField('')).toBe('');
  });
});

describe('compiled validator cache', () => {
  it('stores a compiled validator as code and loads it back with the same verdicts and errors', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { Ajv } = await import('ajv');
    const { CompiledCache } = await import('../../src/validate/offline/compiled-cache');
    const previous = process.env.K8S_COURSE_VALIDATOR_CACHE;
    process.env.K8S_COURSE_VALIDATOR_CACHE = mkdtempSync(path.join(tmpdir(), 'validator-cache-'));
    try {
      const ajv = new Ajv({ allErrors: true, code: { source: true } });
      const compiled = ajv.compile({ type: 'object', properties: { replicas: { type: 'integer' } }, additionalProperties: false });
      const snapshot = Buffer.from('snapshot-1');
      new CompiledCache(snapshot).store('apps/v1 Deployment', ajv, compiled);
      const loaded = new CompiledCache(snapshot).load('apps/v1 Deployment');
      expect(loaded).toBeTypeOf('function');
      expect(loaded!({ replicas: 2 })).toBe(true);
      expect(loaded!({ replicas: 'x', replica: 1 })).toBe(false);
      expect(loaded!.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'type']);
      // Another snapshot never sees this one's code.
      expect(new CompiledCache(Buffer.from('snapshot-2')).load('apps/v1 Deployment')).toBeUndefined();

      // After a run, V8's code cache of the loaded module is saved next to it, and the next
      // process's load accepts it (nothing to write again) and validates the same.
      const { readdirSync, statSync } = await import('node:fs');
      const dir = process.env.K8S_COURSE_VALIDATOR_CACHE!;
      const files = (): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.v8'));
      expect(files()).toEqual([]);
      const first = new CompiledCache(snapshot);
      first.load('apps/v1 Deployment')!({ replicas: 2 });
      first.saveCodeCache();
      expect(files()).toHaveLength(1);
      const v8File = path.join(dir, files()[0]!);
      const written = statSync(v8File).mtimeMs;
      const second = new CompiledCache(snapshot);
      const again = second.load('apps/v1 Deployment')!;
      expect(again({ replicas: 'x' })).toBe(false);
      second.saveCodeCache();
      expect(statSync(v8File).mtimeMs).toBe(written);
    } finally {
      if (previous === undefined) delete process.env.K8S_COURSE_VALIDATOR_CACHE;
      else process.env.K8S_COURSE_VALIDATOR_CACHE = previous;
    }
  });
});

/**
 * Benchmark of the manifest validator (prints numbers; not a test):
 * 500 generated objects of mixed kinds in 250 YAML blocks, checked by cluster mode,
 * by offline mode (cold: first use compiles the schemas; warm: compiled), and by a
 * loop of `kubectl apply --dry-run=server -f` (one invocation per block), in the same run.
 * Goals: cluster >= 10x the kubectl loop and >= 200 objects/s; offline >= 2,000 objects/s.
 *
 *   eval "$(bash scripts/cluster/cluster.sh env)" && npm run bench:validator [-- --objects 500]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { parseCellsFromMarkdown } from '../../src/core';
import { closeTarget, deleteObjects, ensureNamespaces, loadTarget } from '../../src/kube';
import { validateParsed, type ValidationReport } from '../../src/validate';
import { generate, NAMESPACE } from './generate-manifests';

const run = promisify(execFile);

const rate = (n: number, ms: number) => `${((n / ms) * 1000).toFixed(0)} objects/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function line(label: string, objects: number, ms: number, report?: ValidationReport): void {
  const extra = report ? ` (유효 ${report.summary.valid}, 틀림 ${report.summary.invalid}, 검사 못 함 ${report.summary.errors})` : '';
  console.log(`${label.padEnd(34)} ${seconds(ms).padStart(9)}  ${rate(objects, ms).padStart(16)}${extra}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { objects: { type: 'string', default: '500' }, 'skip-kubectl': { type: 'boolean' } } });
  const objects = Number(values.objects);
  const { markdown, blocks } = generate(objects);
  const file = parseCellsFromMarkdown(markdown, 'bench.md');
  const target = loadTarget();
  await ensureNamespaces(target, [NAMESPACE]);
  console.log(`객체 ${objects}개, YAML 블록 ${blocks.length}개, 컨텍스트 ${target.context} (${target.server})\n`);

  let t = performance.now();
  const cluster = await validateParsed([file], { mode: 'cluster', target, concurrency: 16 });
  const clusterMs = performance.now() - t;
  line('클러스터 모드 (첫 실행)', objects, clusterMs, cluster);
  t = performance.now();
  const clusterWarm = await validateParsed([file], { mode: 'cluster', target, concurrency: 16 });
  line('클러스터 모드 (두 번째)', objects, performance.now() - t, clusterWarm);

  t = performance.now();
  const offline = await validateParsed([file], { mode: 'offline' });
  const offlineColdMs = performance.now() - t;
  line(`오프라인 (이 프로세스 처음${process.env.K8S_COURSE_VALIDATOR_CACHE === 'off' ? ', 캐시 끔' : ''})`, objects, offlineColdMs, offline);
  t = performance.now();
  const offlineWarm = await validateParsed([file], { mode: 'offline' });
  const offlineWarmMs = performance.now() - t;
  line('오프라인 (컴파일된 뒤)', objects, offlineWarmMs, offlineWarm);

  if (!values['skip-kubectl']) {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-validator-'));
    const files = await Promise.all(
      blocks.map(async (block, i) => {
        const name = path.join(dir, `block-${i}.yaml`);
        await writeFile(name, block);
        return name;
      }),
    );
    t = performance.now();
    const failures: string[] = [];
    for (const name of files) {
      await run('kubectl', ['apply', '--dry-run=server', '-n', NAMESPACE, '-f', name]).catch((error: { stderr?: string }) =>
        failures.push(String(error.stderr ?? error).trim()),
      );
    }
    const kubectlMs = performance.now() - t;
    line(`kubectl apply --dry-run=server 루프`, objects, kubectlMs);
    if (failures.length) console.log(`  (kubectl 실패 ${failures.length}건, 첫 오류: ${failures[0]})`);
    await rm(dir, { recursive: true, force: true });
    console.log(`\n클러스터 모드는 kubectl 루프보다 ${(kubectlMs / clusterMs).toFixed(1)}배 빠릅니다 (목표 10배 이상, 200 objects/s 이상).`);
  }
  console.log(`오프라인은 처음 ${rate(objects, offlineColdMs)}, 컴파일된 뒤 ${rate(objects, offlineWarmMs)} (목표 2,000 objects/s 이상).`);
  await deleteObjects(target, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }]);
  await closeTarget(target);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});

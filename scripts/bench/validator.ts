/**
 * Benchmark of the manifest validator against its peers (prints numbers; not a test).
 * One corpus for everyone: every manifest of the course (docs/, notebooks/; expect-invalid
 * cells left out) plus 500 generated objects of mixed kinds (two per YAML block). On it:
 * ours in cluster mode (dry-run against the API server), ours offline (first use in the
 * process, then compiled), kubeconform and kubectl-validate (built from the Go module proxy,
 * offline schemas from our OpenAPI snapshot, see ./peers), and a loop of
 * `kubectl apply --dry-run=server`. Then the deliberately invalid objects of
 * ./invalid-manifests.ts: which of them each one catches.
 * Goals: cluster >= 10x the kubectl loop and >= 200 objects/s; offline >= 2,000 objects/s and
 * faster than kubeconform; ours catches every invalid object either peer catches.
 *
 *   eval "$(bash scripts/cluster/cluster.sh env)" && npm run bench:validator [-- --quick] [--skip-kubectl] [--no-cluster]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { parseCellsFromMarkdown, type ParsedFile } from '../../src/core';
import { scanContent } from '../../src/content/files';
import { closeTarget, deleteObjects, ensureNamespaces, loadTarget, type KubeTarget } from '../../src/kube';
import { collectObjects, validateParsed, type ValidationReport } from '../../src/validate';
import { loadSnapshot } from '../../src/validate/offline/snapshot';
import { generate, NAMESPACE } from './generate-manifests';
import { BENCH_CR, BENCH_CRD, INVALID_CASES, invalidMarkdown } from './invalid-manifests';
import { ensurePeers, type PeerBinaries } from './peers/build';
import { preparePeers, runKubeconform, runKubectlValidate, writeCorpus, type PeerRun, type PeerSetup } from './peers/run';
import { padDisplay, percentile } from './stats';

const median = (samples: readonly number[]): number => percentile(samples, 50);

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORK = path.join(ROOT, 'test-results', 'bench', 'validator');
const execFileAsync = promisify(execFile);

const rate = (n: number, ms: number): number => (n / ms) * 1000;
const perSecond = (n: number, ms: number): string => `${rate(n, ms).toLocaleString('en-US', { maximumFractionDigits: 0 })} objects/s`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function line(label: string, objects: number, ms: number, extra = ''): void {
  console.log(`${padDisplay(label, 56)} ${seconds(ms).padStart(8)}  ${perSecond(objects, ms).padStart(17)}${extra ? `  ${extra}` : ''}`);
}

const tally = (report: ValidationReport): string =>
  `(유효 ${report.summary.valid + report.summary.warnings}, 틀림 ${report.summary.invalid}, 검사 못 함 ${report.summary.errors})`;

/** The course's manifest blocks (one per cell), as the validator itself collects them. */
async function courseBlocks(): Promise<{ blocks: string[]; objects: number }> {
  const scan = await scanContent(ROOT);
  const { items } = collectObjects(scan.files);
  const blocks = new Map<string, string>();
  let objects = 0;
  for (const item of items) {
    if (item.expectInvalid) continue;
    objects += 1;
    blocks.set(`${item.file}#${item.cellId}`, item.source);
  }
  return { blocks: [...blocks.values()], objects };
}

/** The same blocks as one Markdown page for ours (page namespace: the bench's). */
function asMarkdown(blocks: readonly string[], name: string): ParsedFile {
  const markdown = [`---\nnamespace: ${NAMESPACE}\n---\n# ${name}\n`, ...blocks.map((b, i) => `\`\`\`yaml id=block-${i}\n${b}\n\`\`\`\n`)].join('\n');
  return parseCellsFromMarkdown(markdown, `${name}.md`);
}

type Tool = 'ours-offline' | 'ours-cluster' | 'kubeconform' | 'kubectl-validate';
const TOOL_LABEL: Record<Tool, string> = {
  'ours-offline': '우리 오프라인',
  'ours-cluster': '우리 클러스터',
  kubeconform: 'kubeconform',
  'kubectl-validate': 'kubectl-validate',
};

/** Case id -> caught, for ours (by cell id; a case is caught when any of its results is invalid or error). */
function oursCaught(report: ValidationReport): Map<string, boolean> {
  return new Map(INVALID_CASES.map((c) => [c.id, report.results.some((r) => r.cellId === c.id && (r.status === 'invalid' || r.status === 'error'))]));
}

function peerCaught(run: PeerRun, files: readonly string[]): Map<string, boolean> {
  return new Map(INVALID_CASES.map((c, i) => [c.id, run.rejected.has(files[i]!)]));
}

async function timed<T>(body: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await body();
  return { ms: performance.now() - started, value };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      objects: { type: 'string', default: '500' },
      quick: { type: 'boolean' },
      'skip-kubectl': { type: 'boolean' },
      'no-cluster': { type: 'boolean' },
    },
  });
  const started = performance.now();
  const repeats = values.quick ? 1 : 3;
  const generated = generate(Number(values.objects));
  const course = await courseBlocks();
  const blocks = [...course.blocks, ...generated.blocks];
  const objects = course.objects + Number(values.objects);
  const corpus = [asMarkdown(course.blocks, 'course'), asMarkdown(generated.blocks, 'bench')];
  const invalidFile = parseCellsFromMarkdown(invalidMarkdown(NAMESPACE), 'invalid.md');
  const snapshot = loadSnapshot();

  let target: KubeTarget | undefined;
  if (!values['no-cluster']) {
    try {
      target = loadTarget();
      await ensureNamespaces(target, [NAMESPACE]);
    } catch (error) {
      console.log(`API 서버에 연결할 수 없어 클러스터 모드는 건너뜁니다: ${(error as Error).message}`);
      target = undefined;
    }
  }
  console.log(
    `말뭉치: 강의 매니페스트 ${course.objects}개(블록 ${course.blocks.length}개) + 생성한 ${values.objects}개(블록 ${generated.blocks.length}개) = 객체 ${objects}개` +
      `${target ? `, 컨텍스트 ${target.context} (${target.server})` : ''}; 시간은 ${repeats}회 중앙값\n`,
  );

  const caught = new Map<Tool, Map<string, boolean>>();
  const falseAlarms = new Map<Tool, number>();
  const speed = new Map<Tool | 'ours-offline-warm', number>();

  // --- ours, cluster mode
  if (target) {
    const first = await timed(() => validateParsed(corpus, { mode: 'cluster', target, concurrency: 16 }));
    line('우리 클러스터 모드 (첫 실행)', objects, first.ms, tally(first.value));
    const again: number[] = [];
    for (let i = 0; i < repeats; i += 1) again.push((await timed(() => validateParsed(corpus, { mode: 'cluster', target, concurrency: 16 }))).ms);
    line('우리 클러스터 모드 (다시)', objects, median(again));
    speed.set('ours-cluster', rate(objects, median(again)));
    falseAlarms.set('ours-cluster', first.value.summary.invalid + first.value.summary.errors);
    caught.set('ours-cluster', oursCaught(await validateParsed([invalidFile], { mode: 'cluster', target, concurrency: 16 })));
  }

  // --- ours, offline
  const offlineFirst = await timed(() => validateParsed(corpus, { mode: 'offline' }));
  line(`우리 오프라인 (이 프로세스 처음${process.env.K8S_COURSE_VALIDATOR_CACHE === 'off' ? ', 캐시 끔' : ''})`, objects, offlineFirst.ms, tally(offlineFirst.value));
  const warm: number[] = [];
  for (let i = 0; i < repeats; i += 1) warm.push((await timed(() => validateParsed(corpus, { mode: 'offline' }))).ms);
  line('우리 오프라인 (컴파일된 뒤)', objects, median(warm));
  speed.set('ours-offline', rate(objects, offlineFirst.ms));
  speed.set('ours-offline-warm', rate(objects, median(warm)));
  falseAlarms.set('ours-offline', offlineFirst.value.summary.invalid + offlineFirst.value.summary.errors);
  caught.set('ours-offline', oursCaught(await validateParsed([invalidFile], { mode: 'offline' })));

  // --- ours as a process, as a learner or CI runs it (Node start and tsx included)
  const corpusDir = path.join(WORK, 'corpus');
  const oursCli: number[] = [];
  {
    const dir = path.join(WORK, 'markdown');
    await rm(dir, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    const pages = [
      ['course.md', course.blocks],
      ['bench.md', generated.blocks],
    ] as const;
    for (const [name, pageBlocks] of pages) {
      await writeFile(path.join(dir, name), [`---\nnamespace: ${NAMESPACE}\n---\n# ${name}\n`, ...pageBlocks.map((b) => `\`\`\`yaml\n${b}\n\`\`\`\n`)].join('\n'));
    }
    for (let i = 0; i < repeats; i += 1) {
      const t = performance.now();
      await execFileAsync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'validate-manifests.ts'), '--offline', dir], { cwd: ROOT }).catch(
        (error: { code?: number }) => {
          if (error.code !== 1) throw error;
        },
      );
      oursCli.push(performance.now() - t);
    }
    line('우리 오프라인, 프로세스 (npm run validate -- --offline)', objects, median(oursCli), '(Node와 tsx 시작 포함)');
  }

  // --- peers
  let peers: PeerBinaries | undefined;
  let setup: PeerSetup | undefined;
  try {
    peers = ensurePeers((l) => console.log(`  ${l}`));
    setup = preparePeers(path.join(WORK, 'peers'), snapshot, [...blocks, BENCH_CRD, BENCH_CR, ...INVALID_CASES.map((c) => c.yaml)]);
  } catch (error) {
    console.log(`피어 검증기를 준비하지 못했습니다 (Go가 필요합니다): ${(error as Error).message}`);
  }
  if (peers && setup) {
    const files = writeCorpus(corpusDir, blocks);
    const invalidFiles = writeCorpus(path.join(WORK, 'invalid'), [BENCH_CRD, BENCH_CR, ...INVALID_CASES.map((c) => c.yaml)], ['crd', 'cr', ...INVALID_CASES.map((c) => c.id)]);
    const caseFiles = invalidFiles.slice(2);
    for (const [tool, runPeer] of [
      ['kubeconform', runKubeconform],
      ['kubectl-validate', runKubectlValidate],
    ] as const) {
      const runs: PeerRun[] = [];
      for (let i = 0; i < repeats; i += 1) runs.push(await runPeer(peers, setup, files, snapshot.kubernetesVersion));
      const ms = median(runs.map((r) => r.ms));
      const alarms = runs[0]!.rejected;
      line(`${tool} (프로세스, 오프라인 스키마)`, objects, ms, `(거부 ${alarms.size}개 블록${alarms.size ? `, 예: ${[...alarms.values()][0]!.slice(0, 160).replace(/\s+/g, ' ')}` : ''})`);
      speed.set(tool, rate(objects, ms));
      falseAlarms.set(tool, alarms.size);
      caught.set(tool, peerCaught(await runPeer(peers, setup, invalidFiles, snapshot.kubernetesVersion), caseFiles));
    }
    console.log(`  ${peers.versions}; ${setup.note}`);
  }

  // --- kubectl loop
  let kubectlMs: number | undefined;
  if (target && !values['skip-kubectl'] && !values.quick) {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-validator-'));
    const loopFiles = await Promise.all(
      generated.blocks.map(async (block, i) => {
        const name = path.join(dir, `block-${i}.yaml`);
        await writeFile(name, block);
        return name;
      }),
    );
    const t = performance.now();
    const failures: string[] = [];
    for (const name of loopFiles) {
      await execFileAsync('kubectl', ['apply', '--dry-run=server', '-n', NAMESPACE, '-f', name]).catch((error: { stderr?: string }) =>
        failures.push(String(error.stderr ?? error).trim()),
      );
    }
    kubectlMs = performance.now() - t;
    line(`kubectl apply --dry-run=server 루프 (생성한 ${values.objects}개만)`, Number(values.objects), kubectlMs);
    if (failures.length) console.log(`  (kubectl 실패 ${failures.length}건, 첫 오류: ${failures[0]})`);
    await rm(dir, { recursive: true, force: true });
  }

  // --- which invalid objects each one catches
  const tools = (['ours-offline', 'ours-cluster', 'kubeconform', 'kubectl-validate'] as const).filter((t) => caught.has(t));
  console.log(`\n일부러 틀린 객체 ${INVALID_CASES.length}개: 누가 잡는가 (O 잡음, - 통과시킴)`);
  console.log(`  ${padDisplay('경우', 26)} ${tools.map((t) => padDisplay(TOOL_LABEL[t], 17)).join('')}`);
  for (const c of INVALID_CASES) {
    console.log(`  ${c.id.padEnd(26)} ${tools.map((t) => (caught.get(t)!.get(c.id) ? 'O' : '-').padEnd(17)).join('')}${c.label}`);
  }
  const count = (t: Tool): number => [...(caught.get(t)?.values() ?? [])].filter(Boolean).length;
  console.log(`  ${padDisplay('잡은 수', 26)} ${tools.map((t) => `${count(t)}/${INVALID_CASES.length}`.padEnd(17)).join('')}`);
  console.log(`  ${padDisplay('유효한 말뭉치에서 거부', 26)} ${tools.map((t) => String(falseAlarms.get(t) ?? '-').padEnd(17)).join('')}`);

  // --- goals
  const goal = (name: string, pass: boolean | undefined, detail: string): void =>
    console.log(`${pass === undefined ? 'SKIP' : pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
  console.log('');
  if (speed.has('ours-cluster') && kubectlMs !== undefined) {
    const factor = speed.get('ours-cluster')! / rate(Number(values.objects), kubectlMs);
    goal('클러스터 모드 >= kubectl 루프의 10배, >= 200 objects/s', factor >= 10 && speed.get('ours-cluster')! >= 200, `${factor.toFixed(1)}배, ${speed.get('ours-cluster')!.toFixed(0)} objects/s`);
  }
  goal('오프라인 >= 2,000 objects/s (처음)', speed.get('ours-offline')! >= 2000, `${speed.get('ours-offline')!.toFixed(0)} objects/s, 컴파일된 뒤 ${speed.get('ours-offline-warm')!.toFixed(0)}`);
  if (speed.has('kubeconform')) {
    const oursProcess = rate(objects, median(oursCli));
    goal(
      '오프라인이 kubeconform보다 빠름 (같은 말뭉치, 같은 머신)',
      speed.get('ours-offline')! > speed.get('kubeconform')!,
      `우리 처음 ${speed.get('ours-offline')!.toFixed(0)} / 컴파일된 뒤 ${speed.get('ours-offline-warm')!.toFixed(0)} vs kubeconform ${speed.get('kubeconform')!.toFixed(0)} objects/s ` +
        `(프로세스끼리: 우리 ${oursProcess.toFixed(0)}, Node·tsx 시작 포함), kubectl-validate ${speed.get('kubectl-validate')?.toFixed(0) ?? '-'}`,
    );
    const peerCatches = INVALID_CASES.filter((c) => caught.get('kubeconform')?.get(c.id) || caught.get('kubectl-validate')?.get(c.id));
    const missedOffline = peerCatches.filter((c) => !caught.get('ours-offline')!.get(c.id)).map((c) => c.id);
    goal('피어가 잡는 것은 우리 오프라인도 잡음', missedOffline.length === 0, missedOffline.length ? `놓침: ${missedOffline.join(', ')}` : `피어가 잡는 ${peerCatches.length}개 모두`);
    if (caught.has('ours-cluster')) {
      const missedCluster = peerCatches.filter((c) => !caught.get('ours-cluster')!.get(c.id)).map((c) => c.id);
      goal('피어가 잡는 것은 우리 클러스터 모드도 잡음', missedCluster.length === 0, missedCluster.length ? `놓침: ${missedCluster.join(', ')}` : `피어가 잡는 ${peerCatches.length}개 모두`);
    }
  }
  const alarms = [...falseAlarms].filter(([, n]) => n > 0);
  goal('유효한 말뭉치를 거부하지 않음', alarms.length === 0 ? true : undefined, alarms.length ? alarms.map(([t, n]) => `${TOOL_LABEL[t]} ${n}`).join(', ') : '모두 0');

  if (target) {
    await deleteObjects(target, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.bench.example.com' } },
    ]);
    await closeTarget(target);
  }
  console.log(`\n검증기 측정 ${seconds(performance.now() - started)}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? (error as Error).message);
  process.exitCode = 2;
});

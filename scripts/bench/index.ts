/**
 * `npm run bench`: the development numbers of the project, in one run on one machine, against
 * their goals (PASS/FAIL). Prints numbers; it is not a test and exits 0 unless a step breaks.
 *
 *   npm run bench                      everything (the cold build alone takes a minute or more)
 *   npm run bench -- --skip-build      measure the existing ./build instead of building cold
 *   npm run bench -- --quick           fewer repetitions (a smoke run, not numbers to publish)
 *
 * Needs Debian's Chromium (/usr/bin/chromium, or CHROME_PATH) and a Kubernetes API server: the
 * cluster in KUBECONFIG, else the project's control plane (reused if running, else started and
 * stopped again).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchAgent, type AgentBench } from './agent';
import { measureCpuBlocking } from './cpu-blocking';
import { benchRealNodes } from './real-nodes';
import { coldBuild, pagesToMeasure, runLighthouse, staticWeight, weighPages, ROOT, CHROMIUM_PATH, DEFAULT_BUILD_DIR, type LighthouseScores, type PageWeight } from './site';
import { goalLine, kb, ms, padDisplay, timingLine, type Goal } from './stats';

/** A lab with no diagram (the lightest kind of page a learner spends time on) and one with. */
const LAB = '/docs/day2/lab';
const LAB_WITH_DIAGRAM = '/docs/day5/lab';
const PAGE_WITH_DIAGRAM = '/docs/connect-cluster';

const out = (line = ''): void => console.log(line);
const section = (title: string): void => out(`\n== ${title}`);

function clusterKubeconfig(): { kubeconfig?: string; startedHere: boolean } {
  if (process.env.KUBECONFIG) return { kubeconfig: process.env.KUBECONFIG, startedHere: false };
  const script = path.join(ROOT, 'scripts', 'cluster', 'cluster.sh');
  const env = spawnSync('bash', [script, 'env'], { encoding: 'utf8' });
  const running = /^export KUBECONFIG=(.+)$/m.exec(env.stdout)?.[1];
  if (running) return { kubeconfig: running, startedHere: false };
  out('  로컬 컨트롤 플레인을 시작합니다 (scripts/cluster/cluster.sh up)');
  const up = spawnSync('bash', [script, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const started = /^export KUBECONFIG=(.+)$/m.exec(up.stdout)?.[1];
  return { kubeconfig: started, startedHere: Boolean(started) };
}

/** The validator engineer's bench, run as its own process; its lines are shown as they are. */
async function runValidatorBench(quick: boolean): Promise<{ ran: boolean; lines: string[] }> {
  const script = path.join(ROOT, 'scripts', 'bench', 'validator.ts');
  if (!existsSync(script)) return { ran: false, lines: ['scripts/bench/validator.ts가 아직 없습니다: 검증기 수치는 이번 실행에 없습니다.'] };
  const lines: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npx', ['tsx', script, ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    const take = (chunk: Buffer): void => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        out(`  ${line}`);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('close', (status) => {
      if (buffer) {
        lines.push(buffer);
        out(`  ${buffer}`);
      }
      resolve(status ?? 1);
    });
  });
  if (code !== 0) lines.push(`(validator.ts exited ${code})`);
  return { ran: code === 0, lines };
}

function weightLines(w: PageWeight): string[] {
  const mermaid = w.loaded.filter((a) => a.mermaid);
  return [
    `${w.path.padEnd(22)} JS ${kb(w.jsGzipBytes).padStart(9)}  CSS ${kb(w.cssGzipBytes).padStart(8)}  HTML ${kb(w.htmlGzipBytes).padStart(8)}  ` +
      `(gzip; 파일 ${w.loaded.length}개, HTML이 부르는 것 ${w.initial.length}개)  다이어그램 ${w.diagramsOnPage}개, mermaid ${
        w.mermaidLoaded ? `로드됨 (${mermaid.map((a) => `${path.basename(a.url)} ${kb(a.gzipBytes)}`).join(', ')})` : '로드 안 됨'
      }`,
  ];
}

function lighthouseLine(s: LighthouseScores): string {
  return (
    `${s.formFactor.padEnd(7)} ${s.path.padEnd(22)} 성능 ${String(s.performance).padStart(3)}  접근성 ${String(s.accessibility).padStart(3)}  ` +
    `권장사항 ${String(s.bestPractices).padStart(3)}  SEO ${String(s.seo).padStart(3)}   ` +
    `FCP ${s.metrics.FCP} LCP ${s.metrics.LCP} TBT ${s.metrics.TBT} CLS ${s.metrics.CLS}`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'skip-build': { type: 'boolean' },
      'skip-lighthouse': { type: 'boolean' },
      'skip-validator': { type: 'boolean' },
      'skip-real-nodes': { type: 'boolean' },
      'real-nodes-cold': { type: 'boolean' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      'lighthouse-runs': { type: 'string' },
    },
  });
  const runs = Number(values.runs ?? (values.quick ? 50 : 200));
  const lighthouseRuns = Number(values['lighthouse-runs'] ?? (values.quick ? 1 : 5));
  const goals: Goal[] = [];
  const startedAt = Date.now();

  out(`k8s-course bench ${new Date().toISOString()}`);
  out(`머신: ${cpus().length}코어 (${cpus()[0]?.model ?? '?'}), 메모리 ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  out(`Chromium: ${spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).stdout.trim() || `${CHROMIUM_PATH} 없음`}`);

  section('프로덕션 빌드 (cold: .docusaurus와 node_modules/.cache를 지우고 docusaurus build)');
  let buildSeconds: number | undefined;
  const buildDir = values['skip-build'] ? DEFAULT_BUILD_DIR : path.join(ROOT, 'test-results', 'bench', 'site');
  if (values['skip-build']) {
    out(`  --skip-build: 기존 ${path.relative(ROOT, buildDir)}/를 잽니다`);
  } else {
    out('  주의: 캐시를 지우고 처음부터 빌드합니다. 2코어에서 1분쯤 걸리고, 같은 저장소에서 돌고 있는 `npm start`의 캐시도 지워집니다.');
    buildSeconds = await coldBuild(buildDir, out);
    out(`  결과: ${path.relative(ROOT, buildDir)}/ (./build는 건드리지 않습니다)`);
  }

  section('페이지 무게: 첫 방문에 받는 JS와 CSS (Chromium이 실제로 받은 파일, gzip -6)');
  const weights = await weighPages(buildDir, [LAB, LAB_WITH_DIAGRAM, PAGE_WITH_DIAGRAM]);
  for (const w of weights) for (const line of weightLines(w)) out(`  ${line}`);
  const lab = weights.find((w) => w.path === LAB)!;
  goals.push({
    name: '다이어그램 없는 페이지의 JS < 250 KB (gzip)',
    pass: lab.jsGzipBytes < 250 * 1024,
    detail: `${LAB} ${kb(lab.jsGzipBytes)}`,
  });
  const diagramPages = weights.filter((w) => w.diagramsOnPage > 0);
  const mermaidAnywhere = weights.filter((w) => w.mermaidLoaded);
  goals.push({
    name: '다이어그램은 빌드 때 SVG로: 어느 페이지도 mermaid를 받지 않음',
    pass: mermaidAnywhere.length === 0 && diagramPages.length > 0,
    detail: `${diagramPages.map((w) => `${w.path} 다이어그램 ${w.diagramsOnPage}개`).join(', ')}; mermaid 로드: ${mermaidAnywhere.map((w) => w.path).join(', ') || '없음'}`,
  });

  let lighthouse: LighthouseScores[] = [];
  if (values['skip-lighthouse']) {
    out('\n== Lighthouse: --skip-lighthouse');
  } else {
    section(`Lighthouse 12 (Debian Chromium, 기본 모바일 설정과 데스크톱 설정; 모바일은 ${lighthouseRuns}회 중 성능 중앙값)`);
    // Every lab and challenge page and the three heaviest session pages; --quick: one of each kind, once.
    const { labs, sessions } = pagesToMeasure(buildDir, 3);
    const mobilePages = values.quick ? [labs[0]!, labs.find((p) => p.endsWith('/challenge'))!, sessions[0]!.path] : [...labs, ...sessions.map((s) => s.path)];
    out(`  페이지 ${mobilePages.length}개: 실습·챌린지 ${labs.length}개${values.quick ? ' 중 일부' : ''}, 가장 무거운 세션 페이지 ${sessions.map((s) => s.path).join(', ')}`);
    const loadBefore = loadavg();
    lighthouse = [
      ...(await runLighthouse(buildDir, mobilePages, { runs: lighthouseRuns, formFactor: 'mobile', log: out })),
      ...(await runLighthouse(buildDir, [LAB], { runs: 1, formFactor: 'desktop', log: out })),
    ];
    const loadAfter = loadavg();
    const cpuBlocking = new Map((await measureCpuBlocking(buildDir, mobilePages, values.quick ? 1 : 3)).map((r) => [r.path, r]));
    const mobile = lighthouse.filter((s) => s.formFactor === 'mobile');
    out('');
    out(`  모바일 Lighthouse, ${lighthouseRuns}회 중 성능 중앙값인 회 (목표: 성능 >= 95, TBT < 200 ms, CLS 0)`);
    out(`  load average (1/5/15분) 시작 ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, 끝 ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (코어 ${cpus().length}개)`);
    out(`  ${padDisplay('페이지', 28)}${'성능'.padStart(4)} ${'TBT'.padStart(8)} ${'CLS'.padStart(6)} ${'LCP'.padStart(8)}  ${'JS'.padStart(9)} ${'HTML'.padStart(9)}  ${'CPU×4 TBT'.padStart(9)}  판정`);
    let allPass = true;
    for (const s of mobile) {
      const weight = staticWeight(buildDir, s.path);
      const pass = s.performance >= 95 && s.numeric.tbtMs < 200 && s.numeric.cls === 0;
      allPass &&= pass;
      out(
        `  ${padDisplay(s.path, 28)}${String(s.performance).padStart(4)} ${`${s.numeric.tbtMs.toFixed(0)} ms`.padStart(8)} ${s.numeric.cls.toFixed(3).padStart(6)} ` +
          `${`${(s.numeric.lcpMs / 1000).toFixed(1)} s`.padStart(8)}  ${kb(weight.jsGzipBytes).padStart(9)} ${kb(weight.htmlGzipBytes).padStart(9)}  ` +
          `${`${(cpuBlocking.get(s.path)?.medianMs ?? NaN).toFixed(0)} ms`.padStart(9)}  ${pass ? 'PASS' : 'FAIL'}`,
      );
    }
    out('  (JS/HTML: HTML이 이름을 부르는 스크립트와 HTML 자체, gzip -6)');
    out('  (CPU×4 TBT: 같은 페이지를 CPU를 늦추지 않고 열어 메인 스레드 작업마다 CPU 시간 x 4로 센 막힌 시간, 3회 중앙값.');
    out('   Lighthouse의 TBT는 벽시계 시간을 늘려 세므로 코어를 기다린 시간까지 들어갑니다. 판정은 Lighthouse 값으로 합니다)');
    for (const s of lighthouse.filter((x) => x.formFactor === 'desktop')) out(`  ${lighthouseLine(s)}`);
    const failing = mobile.filter((s) => !(s.performance >= 95 && s.numeric.tbtMs < 200 && s.numeric.cls === 0));
    goals.push({
      name: `Lighthouse 모바일: 성능 >= 95, TBT < 200 ms, CLS 0 (실습·챌린지${values.quick ? ' 일부' : ' 전부'}와 무거운 세션 페이지, ${mobile.length}개)`,
      pass: allPass,
      detail: failing.length ? `못 미침: ${failing.map((s) => `${s.path} ${s.performance}/${s.metrics.TBT}/CLS ${s.metrics.CLS}`).join(', ')}` : '모두 통과',
    });
    const a11y = Math.min(...mobile.map((s) => s.accessibility));
    goals.push({ name: 'Lighthouse 접근성 >= 95 (측정한 모든 페이지)', pass: a11y >= 95, detail: `가장 낮은 점수 ${a11y}` });
    for (const s of lighthouse) {
      if (s.problems.length) out(`  ${s.formFactor} ${s.path} 감점 항목:\n${s.problems.map((p) => `    - ${p}`).join('\n')}\n    보고서: ${s.reportFile}`);
    }
  }

  section('클러스터');
  const cluster = clusterKubeconfig();
  let agent: AgentBench | undefined;
  let validator: { ran: boolean; lines: string[] } | undefined;
  if (!cluster.kubeconfig) {
    out('  API 서버가 없어 에이전트와 검증기 수치를 건너뜁니다 (KUBECONFIG를 주거나 scripts/cluster/cluster.sh up).');
  } else {
    process.env.KUBECONFIG = cluster.kubeconfig;
    out(`  KUBECONFIG=${cluster.kubeconfig}`);
    try {
      section('에이전트 오버헤드 (루프백, 같은 머신)');
      agent = await benchAgent({ runs, applyRuns: values.quick ? 5 : 20, log: out });
      out(`  ${timingLine('bash -c true 직접 spawn', agent.direct)}`);
      out(`  ${timingLine('에이전트: 티켓 + WebSocket + 실행 (페이지 첫 실행)', agent.agentCold)}`);
      out(`  ${timingLine('에이전트: 열린 WebSocket으로 실행 (다음 실행들)', agent.agentWarm)}`);
      out(`  ${timingLine('매니페스트 5개 객체: 에이전트 apply', agent.agentApply)}`);
      out(`  ${timingLine('매니페스트 5개 객체: kubectl apply --server-side', agent.kubectlApply)}`);
      out(`  처음 만들 때: 에이전트 ${ms(agent.agentFirst)}, kubectl ${ms(agent.kubectlFirst)} (컨텍스트 ${agent.context ?? '?'})`);
      const overhead = agent.agentCold.p50 - agent.direct.p50;
      goals.push({
        name: '에이전트 오버헤드 < 20 ms (p50, `true` 셀)',
        pass: overhead < 20,
        detail: `티켓+WebSocket ${ms(overhead)}, 열린 연결 ${ms(agent.agentWarm.p50 - agent.direct.p50)} (에이전트 p50 - bash 직접 p50)`,
      });
      goals.push({
        name: '에이전트의 매니페스트 apply가 kubectl보다 빠름',
        pass: agent.agentApply.p50 < agent.kubectlApply.p50,
        detail: `p50 ${ms(agent.agentApply.p50)} vs ${ms(agent.kubectlApply.p50)} (${(agent.kubectlApply.p50 / agent.agentApply.p50).toFixed(1)}배)`,
      });
    } catch (error) {
      out(`  에이전트 측정 실패: ${(error as Error).message}`);
    }
    if (!values['skip-validator']) {
      section('검증기와 피어 검증기 (scripts/bench/validator.ts: kubeconform, kubectl-validate, 일부러 틀린 객체)');
      validator = await runValidatorBench(Boolean(values.quick));
      goals.push({
        name: '검증기 측정 (목표는 위 출력에 validator.ts가 직접 씀)',
        pass: validator.ran ? true : undefined,
        detail: validator.ran ? '실행함' : validator.lines[0] ?? '실행 못 함',
      });
    }
    if (cluster.startedHere) spawnSync('bash', [path.join(ROOT, 'scripts', 'cluster', 'cluster.sh'), 'down'], { stdio: 'inherit' });
  }

  if (!values['skip-real-nodes']) {
    section('실제 노드 모드 (cluster.sh up --nodes real: 자기 run dir, 끝나면 down; --real-nodes-cold로 노드 바이너리와 이미지 캐시 없이)');
    benchRealNodes({ cold: Boolean(values['real-nodes-cold']) });
  }

  section('목표');
  if (buildSeconds !== undefined) out(`  (참고) cold 프로덕션 빌드 ${buildSeconds.toFixed(1)} s`);
  for (const goal of goals) out(`  ${goalLine(goal)}`);
  out(`\n전체 ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
